import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import type { ImageInput } from './image-input.ts';
import type { TilePredictor } from './model-source.ts';
import { probabilityBandMasks } from './probability-band.ts';
import { segmentImage } from './segment-image.ts';
import { planTiles, reflectIndex } from './tile-plan.ts';
import fixtures from './fixtures/tiling.json' with { type: 'json' };
import { thrownCode } from '../testing/thrown-code.ts';

/** The TypeScript twins of the oracle's networks in test/oracles/tf-runtime/tiling_oracle.py. */
const meanFilter = () => tf.div<tf.Tensor4D>(tf.ones([3, 3, 1, 1]), 9);
const channel = (x: tf.Tensor4D, c: number) => tf.slice(x, [0, 0, 0, c], [-1, -1, -1, 1]);
const nets: Record<string, TilePredictor> = {
  binary: (x) => tf.sigmoid(tf.add<tf.Tensor4D>(tf.conv2d(channel(x, 0), meanFilter(), 1, 'same'), tf.mul(0.5, channel(x, 1)))),
  multiclass: (x) =>
    tf.softmax(tf.concat([tf.conv2d(channel(x, 0), meanFilter(), 1, 'same'), channel(x, 1), tf.neg(channel(x, 2))], 3)),
};

function fixtureImage(f: (typeof fixtures)[number]): ImageInput {
  const data = f.bitDepth === 8 ? Uint8Array.from(f.image) : Uint16Array.from(f.image);
  return { data, width: f.width, height: f.height, channels: f.channels, bitDepth: f.bitDepth as 8 | 16 };
}

describe('tile planning', () => {
  it('mirrors indices like numpy.pad(mode="reflect"), also for pads wider than the image', () => {
    // numpy.pad([0,1,2], 5, mode='reflect') -> [1 0 1 2 1 0 1 2 1 0 1 2 1]
    expect(Array.from({ length: 13 }, (_, i) => reflectIndex(i - 5, 3))).toEqual([1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1]);
    expect(reflectIndex(-3, 1)).toBe(0);
  });

  it('covers the image with centre halves of 512 tiles at stride 256', () => {
    expect(planTiles(1024, 1000, 512, 256)).toMatchObject({ margin: 128, columns: 4, rows: 4 });
    expect(planTiles(100, 7, 512, 256)).toMatchObject({ columns: 1, rows: 1 });
  });

  it('rejects a stride larger than the tile or an odd margin', () => {
    expect(thrownCode(() => planTiles(10, 10, 256, 512))).toBe('INVALID_INPUT');
    expect(thrownCode(() => planTiles(10, 10, 512, 255))).toBe('INVALID_INPUT');
  });
});

describe('segmentImage in this thread', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  for (const f of fixtures) {
    it(`matches the numpy/PyTorch tiling oracle: ${f.name}`, async () => {
      const result = await segmentImage({
        image: fixtureImage(f),
        model: nets[f.net]!,
        tile: f.tile,
        stride: f.stride,
        tileBatch: 3,
        probabilities: true,
      });
      expect(result.probabilities!.length).toBe(f.probabilities.length);
      let worst = 0;
      result.probabilities!.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - f.probabilities[i]!))));
      expect(worst).toBeLessThan(1e-5);
      const classes = result.classes;
      for (let pixel = 0; pixel < f.width * f.height; pixel++) {
        const p = f.probabilities.slice(pixel * classes, (pixel + 1) * classes);
        const expected = classes === 1 ? Number(p[0]! > 0.5) : p.indexOf(Math.max(...p));
        expect(result.mask[pixel]).toBe(expected);
      }
    });
  }

  it('runs a TensorRunner (another engine, e.g. ONNX Runtime) over the same tiles with the same result, in this thread only', async () => {
    const f = fixtures.find((x) => x.net === 'multiclass')!;
    const net = nets.multiclass!;
    const runner = {
      async run(input: { shape: number[]; data: Float32Array }) {
        const out = tf.tidy(() => net(tf.tensor4d(input.data, input.shape as [number, number, number, number])));
        const data = (await out.data()) as Float32Array;
        const shape = [...out.shape];
        out.dispose();
        return { shape, data };
      },
    };
    const options = { image: fixtureImage(f), tile: f.tile, stride: f.stride, tileBatch: 2, probabilities: true };
    const viaRunner = await segmentImage({ ...options, model: runner });
    const direct = await segmentImage({ ...options, model: net });
    expect(viaRunner.mask).toEqual(direct.mask);
    expect(viaRunner.probabilities).toEqual(direct.probabilities);
    await expect(segmentImage({ ...options, model: runner, workers: 2 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports each forward pass with its tile count and time', async () => {
    const passes: { tiles: number; seconds: number }[] = [];
    const result = await segmentImage({
      image: fixtureImage(fixtures[0]!),
      model: nets.binary!,
      tile: 16,
      stride: 8,
      tileBatch: 3,
      onBatch: (tiles, seconds) => passes.push({ tiles, seconds }),
    });
    expect(passes.reduce((sum, pass) => sum + pass.tiles, 0)).toBe(result.tiles);
    expect(passes.length).toBe(Math.ceil(result.tiles / 3));
    for (const pass of passes) expect(pass.seconds).toBeGreaterThan(0);
  });

  it('stitches the probability band tile by tile into the band of the whole probability map', async () => {
    const f = fixtures.find((x) => x.net === 'multiclass')!;
    const band = { low: 0.3, high: 0.7 };
    for (const classRule of ['threshold', 'argmax'] as const) {
      const result = await segmentImage({
        image: fixtureImage(f), model: nets.multiclass!, tile: f.tile, stride: f.stride, probabilities: true, classRule, probabilityBand: band,
      });
      const whole = probabilityBandMasks(result.probabilities!, result.classes, classRule, band);
      expect(result.band!.lower).toEqual(whole.lower);
      expect(result.band!.upper).toEqual(whole.upper);
    }
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await segmentImage({ image: fixtureImage(fixtures[0]!), model: nets.binary!, tile: 16, stride: 8 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects images it cannot read with typed errors', async () => {
    const base = fixtureImage(fixtures[0]!);
    const attempts: Array<Partial<ImageInput>> = [
      { bitDepth: 12 as 8 },
      { channels: 2 },
      { data: new Uint16Array(base.data.length) },
      { data: new Uint8Array(3) },
      { width: 0 },
    ];
    for (const attempt of attempts) {
      await expect(segmentImage({ image: { ...base, ...attempt }, model: nets.binary!, tile: 16, stride: 8 })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
  });
});
