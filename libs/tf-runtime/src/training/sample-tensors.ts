import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSample } from '../augment/augment.ts';
import type { Raster } from '../augment/raster.ts';
import { type SixteenBitInput, unitScaler } from '../inference/conventions.ts';
import { IMAGENET_NORMALISATION, type ImageInput, type Normalisation, validateImage } from '../inference/image-input.ts';
import { maskToTargets } from '../losses/targets.ts';

/**
 * Stored values scaled to 0..1 (16-bit ones as the model version says, the same conversion its
 * inference uses), the space the augmentations work in; RGBA drops alpha.
 */
export function toUnitRange(image: ImageInput, sixteenBit: SixteenBitInput = 'full_range'): Raster<Float32Array> {
  validateImage(image);
  const { width, height, data, bitDepth } = image;
  const channels = image.channels === 4 ? 3 : image.channels;
  const unit = unitScaler(bitDepth, sixteenBit);
  const out = new Float32Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = unit(data[p * image.channels + c]!);
  }
  return { data: out, width, height, channels };
}

/** The network input [1,h,w,3] of a 0..1 raster: grayscale replicated to RGB, then normalised per channel. */
export function rasterToInput(raster: Raster<Float32Array>, normalisation: Normalisation = IMAGENET_NORMALISATION): tf.Tensor4D {
  const { width, height, channels, data } = raster;
  const out = new Float32Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) {
      const value = data[p * channels + (channels === 1 ? 0 : c)]!;
      out[p * 3 + c] = (value - normalisation.mean[c]!) / normalisation.std[c]!;
    }
  }
  return tf.tensor4d(out, [1, height, width, 3]);
}

/** A (possibly augmented) sample as the trainer takes it: normalised image and the paper's target encoding. */
export function sampleToTensors(sample: TrainingSample, classes: number, normalisation?: Normalisation): { image: tf.Tensor4D; targets: tf.Tensor4D } {
  return {
    image: rasterToInput(sample.image, normalisation),
    targets: maskToTargets(sample.mask.data, sample.mask.height, sample.mask.width, classes),
  };
}

/**
 * A batch of (possibly augmented) samples as one step takes it: images [n,h,w,3] and targets
 * [n,h,w,classes]. The samples must share a size (the recipe's crop makes them so).
 */
export function samplesToTensors(samples: readonly TrainingSample[], classes: number, normalisation?: Normalisation): { image: tf.Tensor4D; targets: tf.Tensor4D } {
  if (samples.length === 1) return sampleToTensors(samples[0]!, classes, normalisation);
  const parts = samples.map((sample) => sampleToTensors(sample, classes, normalisation));
  try {
    return {
      image: tf.concat(parts.map((p) => p.image), 0),
      targets: tf.concat(parts.map((p) => p.targets), 0),
    };
  } finally {
    tf.dispose(parts.flatMap((p) => [p.image, p.targets]));
  }
}
