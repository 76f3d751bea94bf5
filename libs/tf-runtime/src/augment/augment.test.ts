import { describe, expect, it } from 'vitest';
import { type AugmentationConfig, PAPER_AUGMENTATION, augmentSample } from './augment.ts';
import { blur, sharpen } from './photometric.ts';
import { crop, flipHorizontal, rotate90 } from './raster.ts';
import { createRng } from './rng.ts';
import { thrownCode } from '../testing/thrown-code.ts';

/** An image whose value at (x, y) encodes its position, and a mask that is its class-index twin. */
function gradientSample(width: number, height: number) {
  const image = new Float32Array(width * height);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    image[i] = i / (width * height);
    mask[i] = i % 251;
  }
  return { image: { data: image, width, height, channels: 1 }, mask: { data: mask, width, height, channels: 1 } };
}

const geometricOnly: AugmentationConfig = {
  ...PAPER_AUGMENTATION,
  crop: 8,
  intensity: { ...PAPER_AUGMENTATION.intensity, probability: 0 },
  contrast: { ...PAPER_AUGMENTATION.contrast, probability: 0 },
  blurSharpen: { ...PAPER_AUGMENTATION.blurSharpen, probability: 0 },
};

describe('augmentSample', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    const sample = gradientSample(20, 16);
    const a = augmentSample(sample, { ...PAPER_AUGMENTATION, crop: 8 }, createRng(42));
    const b = augmentSample(sample, { ...PAPER_AUGMENTATION, crop: 8 }, createRng(42));
    expect(a.image.data).toEqual(b.image.data);
    expect(a.mask.data).toEqual(b.mask.data);
    const others = [1, 2, 3, 4, 5].map((seed) => augmentSample(sample, { ...PAPER_AUGMENTATION, crop: 8 }, createRng(seed)));
    expect(others.some((o) => !o.image.data.every((v, i) => v === a.image.data[i]))).toBe(true);
  });

  it('moves image and mask pixels together under crops, flips and rotations', () => {
    const sample = gradientSample(20, 16);
    const total = 20 * 16;
    for (let seed = 0; seed < 20; seed++) {
      const out = augmentSample(sample, geometricOnly, createRng(seed));
      expect([out.image.width, out.image.height]).toEqual([8, 8]);
      out.image.data.forEach((v, i) => expect(out.mask.data[i]).toBe(Math.round(v * total) % 251));
    }
  });

  it('never flips vertically or rotates when the material allows horizontal flips only', () => {
    const sample = gradientSample(6, 4);
    const config: AugmentationConfig = { ...geometricOnly, crop: undefined, flips: { horizontal: true, vertical: false }, rotate90: false };
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed++) seen.add(Array.from(augmentSample(sample, config, createRng(seed)).mask.data).join(','));
    expect(seen).toEqual(new Set([sample.mask.data, flipHorizontal(sample.mask).data].map((d) => Array.from(d).join(','))));
  });

  it('leaves the mask untouched by photometric changes', () => {
    const sample = gradientSample(10, 10);
    const photometricOnly: AugmentationConfig = { ...PAPER_AUGMENTATION, crop: undefined, flips: { horizontal: false, vertical: false }, rotate90: false };
    for (let seed = 0; seed < 10; seed++) {
      const out = augmentSample(sample, photometricOnly, createRng(seed));
      expect(out.mask.data).toEqual(sample.mask.data);
      expect(out.image.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('zero-pads images smaller than the crop', () => {
    const out = augmentSample(gradientSample(3, 2), geometricOnly, createRng(1));
    expect(out.mask.data.length).toBe(64);
    expect(out.mask.data.filter((v) => v !== 0).length).toBe(5);
  });

  it('rejects a mask of another size', () => {
    const sample = gradientSample(4, 4);
    expect(thrownCode(() => augmentSample({ ...sample, mask: gradientSample(3, 4).mask }, PAPER_AUGMENTATION, createRng(1)))).toBe('INVALID_INPUT');
  });
});

describe('raster operations', () => {
  const r = { data: new Uint8Array([1, 2, 3, 4, 5, 6]), width: 3, height: 2, channels: 1 };

  it('rotates counter-clockwise like numpy.rot90', () => {
    // numpy.rot90([[1,2,3],[4,5,6]]) == [[3,6],[2,5],[1,4]]
    expect(Array.from(rotate90(r, 1).data)).toEqual([3, 6, 2, 5, 1, 4]);
    expect(Array.from(rotate90(r, 3).data)).toEqual([4, 1, 5, 2, 6, 3]);
    expect(Array.from(rotate90(r, 2).data)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('crops with zero fill outside the raster', () => {
    expect(Array.from(crop(r, 1, -1, 3, 2).data)).toEqual([0, 0, 0, 2, 3, 0]);
  });

  it('blurs a constant image to itself and sharpens an edge', () => {
    const flat = { data: new Float32Array(9).fill(0.5), width: 3, height: 3, channels: 1 };
    blur(flat).data.forEach((v) => expect(v).toBeCloseTo(0.5, 6));
    const edge = { data: new Float32Array([0.2, 0.2, 0.8, 0.8]), width: 4, height: 1, channels: 1 };
    const sharp = sharpen(edge, 1, 1).data;
    expect(sharp[1]!).toBeLessThan(0.2);
    expect(sharp[2]!).toBeGreaterThan(0.8);
  });
});
