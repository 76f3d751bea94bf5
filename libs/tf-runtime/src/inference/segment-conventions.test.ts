import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { channelNormaliser } from './image-input.ts';
import type { TilePredictor } from './model-source.ts';
import { segmentImage } from './segment-image.ts';

/** Every pixel of every tile gets these class probabilities. */
const constant =
  (p: number[]): TilePredictor =>
  (x) =>
    tf.tidy(() => tf.mul<tf.Tensor4D>(tf.ones([...x.shape.slice(0, 3), p.length]), tf.tensor1d(p)));

describe("segmentImage applies the model version's conventions", () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'cpu' });
  });

  it('masks with the class rule it is given (argmax when none)', async () => {
    const image = { data: new Uint8Array(40 * 30), width: 40, height: 30, channels: 1, bitDepth: 8 as const };
    const model = constant([0.3, 0.45, 0.25]);
    const run = (classRule?: 'threshold' | 'argmax') =>
      segmentImage({ image, model, tile: 32, stride: 16, workers: 0, ...(classRule ? { classRule } : {}) });
    expect(new Set((await run('threshold')).mask)).toEqual(new Set([0]));
    expect(new Set((await run('argmax')).mask)).toEqual(new Set([1]));
    expect(new Set((await run()).mask)).toEqual(new Set([1]));
  });

  it('normalises 16-bit samples by the full range or by their high byte', () => {
    const image = { data: new Uint16Array(1), width: 1, height: 1, channels: 1, bitDepth: 16 as const };
    const identity = { mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number] };
    expect(channelNormaliser(image, identity, 'full_range')(0x01ff, 0)).toBeCloseTo(0x01ff / 65535, 6);
    expect(channelNormaliser(image, identity, 'high_byte')(0x01ff, 0)).toBeCloseTo(1 / 255, 6);
    expect(channelNormaliser(image, identity)(65535, 0)).toBe(1);
  });
});
