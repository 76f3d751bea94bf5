import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { IMAGENET_NORMALISATION } from '../inference/image-input.ts';
import { rasterToInput, sampleToTensors, toUnitRange } from './sample-tensors.ts';

describe('sample tensors', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  it('scales 8 and 16-bit values by their full range and drops alpha', () => {
    expect(Array.from(toUnitRange({ data: new Uint8Array([0, 255]), width: 2, height: 1, channels: 1, bitDepth: 8 }).data)).toEqual([0, 1]);
    const rgba = toUnitRange({ data: new Uint16Array([65535, 0, 65535, 7]), width: 1, height: 1, channels: 4, bitDepth: 16 });
    expect(rgba.channels).toBe(3);
    expect(Array.from(rgba.data)).toEqual([1, 0, 1]);
  });

  it('replicates grayscale to RGB and applies the ImageNet normalisation', () => {
    const input = rasterToInput({ data: new Float32Array([0.5]), width: 1, height: 1, channels: 1 });
    expect(input.shape).toEqual([1, 1, 1, 3]);
    Array.from(input.dataSync()).forEach((v, c) =>
      expect(v).toBeCloseTo((0.5 - IMAGENET_NORMALISATION.mean[c]!) / IMAGENET_NORMALISATION.std[c]!, 6),
    );
  });

  it('pairs the image with one-hot targets', () => {
    const { image, targets } = sampleToTensors(
      { image: { data: new Float32Array(4), width: 2, height: 2, channels: 1 }, mask: { data: new Uint8Array([0, 1, 2, 0]), width: 2, height: 2, channels: 1 } },
      3,
    );
    expect(image.shape).toEqual([1, 2, 2, 3]);
    expect(targets.shape).toEqual([1, 2, 2, 3]);
  });
});
