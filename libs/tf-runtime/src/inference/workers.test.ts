import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { buildTinyUNet } from '../testing/tiny-unet.ts';
import type { ImageInput } from './image-input.ts';
import { modelToSource } from './model-source.ts';
import { segmentImage } from './segment-image.ts';
import { createTileWorkerPool } from './worker-pool.ts';

function noiseImage(width: number, height: number): ImageInput {
  const data = new Uint16Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) % 65536;
  return { data, width, height, channels: 3, bitDepth: 16 };
}

const image = noiseImage(150, 97);
const tiling = { tile: 64, stride: 32 } as const;
const tinyUNetModule = fileURLToPath(new URL('../testing/tiny-unet.ts', import.meta.url));
const crashingModule = fileURLToPath(new URL('../testing/crashing-predictor.ts', import.meta.url));

describe('segmentImage in worker threads', () => {
  let model: ReturnType<typeof buildTinyUNet>;
  let reference: Awaited<ReturnType<typeof segmentImage>>;
  let directory: string;

  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
    model = buildTinyUNet({ classes: 3, seed: 2 });
    reference = await segmentImage({ image, model, ...tiling, workers: 0, probabilities: true });
    directory = await mkdtemp(join(tmpdir(), 'tf-runtime-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('gives the same result with two workers as in this thread (LayersModel shipped as artifacts)', async () => {
    const result = await segmentImage({ image, model, ...tiling, workers: 2, tileBatch: 2, probabilities: true });
    expect(result.tiles).toBe(5 * 4);
    expect(result.mask).toEqual(reference.mask);
    result.probabilities!.forEach((p, i) => expect(Math.abs(p - reference.probabilities![i]!)).toBeLessThan(1e-5));
  });

  it('loads a model.json with its weight files in each worker', async () => {
    const source = await modelToSource(model);
    if (source.kind !== 'artifacts') throw new Error('expected artifacts');
    const { modelTopology, weightSpecs, weightData } = source.artifacts;
    await writeFile(join(directory, 'weights.bin'), new Uint8Array(weightData as ArrayBuffer));
    await writeFile(join(directory, 'model.json'), JSON.stringify({ modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] }));
    const result = await segmentImage({ image, model: { kind: 'model-json', path: join(directory, 'model.json') }, ...tiling, workers: 2 });
    expect(result.mask).toEqual(reference.mask);
  });

  it('builds the network in each worker from a factory module and its arguments', async () => {
    const pool = await createTileWorkerPool({
      source: { kind: 'factory', module: tinyUNetModule, exportName: 'buildTinyUNet', args: [{ classes: 3, seed: 2 }] },
      workers: 2,
    });
    try {
      expect(pool.backend).toBe('wasm');
      const first = await segmentImage({ image, model: model, pool, ...tiling });
      const second = await segmentImage({ image: noiseImage(40, 40), model, pool, ...tiling });
      expect(first.mask).toEqual(reference.mask);
      expect(second.mask.length).toBe(1600);
    } finally {
      await pool.close();
    }
  });

  it('reports a model that fails to load in the workers as a typed error', async () => {
    await expect(
      createTileWorkerPool({ source: { kind: 'model-json', path: join(directory, 'missing.json') }, workers: 1 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('fails the image with UNAVAILABLE, instead of hanging, when its workers die', async () => {
    const pool = await createTileWorkerPool({ source: { kind: 'factory', module: crashingModule, exportName: 'crashingPredictor' }, workers: 2 });
    try {
      await expect(segmentImage({ image, model, pool, ...tiling })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(segmentImage({ image, model, pool, ...tiling })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      await pool.close();
    }
  });

  it('refuses to ship a bare predict function to workers', async () => {
    const predict = (x: tf.Tensor4D) => tf.sigmoid(x);
    await expect(segmentImage({ image, model: predict, ...tiling, workers: 2 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
