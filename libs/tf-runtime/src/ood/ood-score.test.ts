import { describe, expect, it } from 'vitest';
import type { TensorRunner } from '../inference/segment-tiles.ts';
import { type EncoderFeatures, encoderFeatures, featureWindows } from './encoder-features.ts';
import { calibrateThreshold, featureDistance, fitFeatureReference } from './feature-reference.ts';

/** A stand-in encoder: per 32 px block, the block's mean of channel 0 and its square (2 channels at 1/32). */
const blockMeans: TensorRunner = {
  async run({ shape, data }) {
    const [, h, w] = shape as [number, number, number, number];
    const out = new Float32Array((h / 32) * (w / 32) * 2);
    for (let by = 0; by < h / 32; by++) {
      for (let bx = 0; bx < w / 32; bx++) {
        let sum = 0;
        for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) sum += data[((by * 32 + y) * w + bx * 32 + x) * 3]!;
        const mean = sum / 1024;
        out.set([mean, mean * mean], (by * (w / 32) + bx) * 2);
      }
    }
    return { shape: [1, h / 32, w / 32, 2], data: out };
  },
};

function features(values: number[][]): EncoderFeatures {
  return { vectors: Float32Array.from(values.flat()), count: values.length, dims: values[0]!.length, windows: 1, window: 32 };
}

/** A deterministic spread of values around `centre` (no Math.random in tests). */
const spreadAround = (centre: number, n: number) => Array.from({ length: n }, (_, i) => [centre + Math.sin(i * 1.7), centre - Math.cos(i * 2.3)]);

describe('featureWindows', () => {
  it("covers the image with tile-sized windows inside it, never padded, at most maxWindows of them", () => {
    expect(featureWindows(512, 512, { window: 512 })).toEqual({ side: 512, positions: [{ x: 0, y: 0 }] });
    expect(featureWindows(1024, 1024, { window: 512 })!.positions).toEqual([{ x: 0, y: 0 }, { x: 512, y: 0 }, { x: 0, y: 512 }, { x: 512, y: 512 }]);
    // 700 x 500: the side is the largest multiple of 32 that fits; the last window ends flush with the image.
    expect(featureWindows(700, 500, { window: 512 })).toEqual({
      side: 480,
      positions: [{ x: 0, y: 0 }, { x: 220, y: 0 }, { x: 0, y: 20 }, { x: 220, y: 20 }],
    });
    expect(featureWindows(4096, 4096, { window: 512, maxWindows: 16 })!.positions).toHaveLength(16);
    expect(featureWindows(31, 600, { window: 512 })).toBeUndefined();
  });
});

describe('encoderFeatures', () => {
  it('feeds the encoder normalised windows and returns every position of its output', async () => {
    const image = { data: new Uint8Array(64 * 96).fill(255), width: 96, height: 64, channels: 1, bitDepth: 8 as const };
    const result = (await encoderFeatures(image, blockMeans, { window: 64, normalisation: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] } }))!;
    // Two 64 px windows (x = 0 and 32), 2 x 2 positions each, 2 channels; white normalises to (1 - 0.5) / 0.25 = 2.
    expect(result).toMatchObject({ count: 8, dims: 2, windows: 2, window: 64 });
    expect(Array.from(result.vectors.subarray(0, 2))).toEqual([2, 4]);
  });
});

describe('feature distance', () => {
  const reference = fitFeatureReference([features(spreadAround(0, 200))]);

  it('is about one for features like the training ones and grows with the difference', () => {
    const same = featureDistance(reference, features(spreadAround(0, 50)));
    const shifted = featureDistance(reference, features(spreadAround(3, 50)));
    expect(same).toBeGreaterThan(0.5);
    expect(same).toBeLessThan(1.2);
    expect(shifted).toBeGreaterThan(3 * same);
  });

  it('refuses features of another encoder', () => {
    expect(() => featureDistance(reference, features([[1, 2, 3]]))).toThrow(/3 channels, the reference holds 2/);
  });

  it('bounds the distance along a channel the training images never moved', () => {
    const flat = fitFeatureReference([features(Array.from({ length: 20 }, (_, i) => [Math.sin(i), 0]))]);
    expect(Number.isFinite(featureDistance(flat, features([[0, 1]])))).toBe(true);
  });
});

describe('calibrateThreshold', () => {
  it("takes the validation scores' quantile (linear interpolation) times the margin", () => {
    expect(calibrateThreshold([1, 2, 3, 4, 5], { quantile: 0.5, margin: 2 })).toBe(6);
    expect(calibrateThreshold([1, 2], { quantile: 0.75, margin: 1 })).toBe(1.75);
    // The paper's four validation images: the 99th percentile is close to the largest.
    expect(calibrateThreshold([0.7, 0.72, 0.73, 0.74])).toBeCloseTo(0.7397 * 1.15, 3);
    expect(() => calibrateThreshold([])).toThrow();
  });
});
