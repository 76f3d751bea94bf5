import { MicroSegError } from '@microseg/errors';
import { adjustBrightness, adjustContrast, adjustGamma, blur, sharpen } from './photometric.ts';
import { type Raster, crop, flipHorizontal, flipVertical, rotate90 } from './raster.ts';
import type { Rng } from './rng.ts';

export interface AugmentationConfig {
  /** Random crop size (square); images smaller than it are zero-padded first. Omit to keep the full image. */
  crop?: number;
  /** Per material: e.g. micrographs with a preferred growth direction allow horizontal flips only. */
  flips: { horizontal: boolean; vertical: boolean };
  rotate90: boolean;
  /** Probability of one of brightness / gamma, and its ranges. */
  intensity: { probability: number; brightness: number; gamma: [number, number] };
  /** Probability of a contrast change, and its factor range. */
  contrast: { probability: number; range: [number, number] };
  /** Probability of one of blur / sharpen. */
  blurSharpen: { probability: number; sharpenAlpha: [number, number]; sharpenLightness: [number, number] };
}

/** The paper's training augmentations (its albumentations pipeline), with 512 crops. */
export const PAPER_AUGMENTATION: Readonly<AugmentationConfig> = {
  crop: 512,
  flips: { horizontal: true, vertical: true },
  rotate90: true,
  intensity: { probability: 0.9, brightness: 0.2, gamma: [0.8, 1.2] },
  contrast: { probability: 0.9, range: [0.8, 1.2] },
  blurSharpen: { probability: 0.9, sharpenAlpha: [0.2, 0.5], sharpenLightness: [0.5, 1] },
};

export interface TrainingSample {
  /** Intensities in 0..1 (see `toUnitRange`), any channel count. */
  image: Raster<Float32Array>;
  /** Class indices, one channel, same size as the image. */
  mask: Raster<Uint8Array | Uint16Array>;
}

/**
 * Draws one augmentation from `rng` and applies it: geometric steps to image and mask alike, photometric
 * steps to the image only. The same seed gives the same result.
 */
export function augmentSample(sample: TrainingSample, config: AugmentationConfig, rng: Rng): TrainingSample {
  const { image, mask } = sample;
  if (image.width !== mask.width || image.height !== mask.height || mask.channels !== 1) {
    throw new MicroSegError('INVALID_INPUT', 'image and mask must have the same size and the mask one channel', {
      details: { image: [image.width, image.height], mask: [mask.width, mask.height, mask.channels] },
    });
  }
  let img = image;
  let msk = mask;
  if (config.crop !== undefined) {
    const size = config.crop;
    const x = rng.int(Math.max(0, img.width - size) + 1);
    const y = rng.int(Math.max(0, img.height - size) + 1);
    img = crop(img, x, y, size, size);
    msk = crop(msk, x, y, size, size);
  }
  if (config.flips.horizontal && rng.chance(0.5)) {
    img = flipHorizontal(img);
    msk = flipHorizontal(msk);
  }
  if (config.flips.vertical && rng.chance(0.5)) {
    img = flipVertical(img);
    msk = flipVertical(msk);
  }
  if (config.rotate90) {
    const turns = rng.int(4);
    img = rotate90(img, turns);
    msk = rotate90(msk, turns);
  }
  if (rng.chance(config.intensity.probability)) {
    img = rng.chance(0.5)
      ? adjustBrightness(img, rng.uniform(-config.intensity.brightness, config.intensity.brightness))
      : adjustGamma(img, rng.uniform(...config.intensity.gamma));
  }
  if (rng.chance(config.contrast.probability)) img = adjustContrast(img, rng.uniform(...config.contrast.range));
  if (rng.chance(config.blurSharpen.probability)) {
    const { sharpenAlpha, sharpenLightness } = config.blurSharpen;
    img = rng.chance(0.5) ? blur(img) : sharpen(img, rng.uniform(...sharpenAlpha), rng.uniform(...sharpenLightness));
  }
  return { image: img, mask: msk };
}
