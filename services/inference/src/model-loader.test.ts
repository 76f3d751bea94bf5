import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArtifact, saveArtifact, saveOnnxArtifact } from '@microseg/model-artifact';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { initializers, layers, sequential } from '@tensorflow/tfjs-layers';
import { segmentImage } from '@microseg/tf-runtime';
import { Client } from 'minio';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVersionModel } from './model-loader.ts';

const BUCKET = 'models';
let server: S3rver;
let directory: string;
let client: Client;

const description = {
  name: 'imported',
  architecture: 'onnx',
  encoder: 'bioimageio',
  classes: [
    { index: 0, name: 'matrix', color: '#000000' },
    { index: 1, name: 'precipitate', color: '#ff0000' },
  ],
  input: { channels: 3, grayscale: 'replicate' as const, bitDepths: [8 as const], normalisation: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] } },
  tile: { size: 64, stride: 32 },
  trainingPixelSize: null,
  sourceWeights: [],
  metrics: {},
  licence: 'MIT',
  codeVersion: 'test',
};

beforeAll(async () => {
  await setBackend('cpu');
  directory = await mkdtemp(join(tmpdir(), 'inference-loader-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await server.run();
  client = new Client({ endPoint: '127.0.0.1', port, useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER', pathStyle: true, region: 'us-east-1' });
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

describe('loadVersionModel', () => {
  it('serves a version that holds ONNX weights only (an imported package) on ONNX Runtime', async () => {
    const model = sequential();
    model.add(layers.conv2d({ inputShape: [null, null, 3], filters: 2, kernelSize: 3, padding: 'same', activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 1 }) }));
    const full = join(directory, 'full');
    await saveArtifact(model, description, full);
    const source = await openArtifact(full);
    const tensor = async (file: { file: string; shape: number[] }) => ({ shape: file.shape, data: new Float32Array((await source.read(file.file)).slice().buffer) });
    await saveOnnxArtifact(await source.read('model.onnx'), description, { client, bucket: BUCKET, prefix: 'imported/v1' }, {
      names: { input: 'image', output: 'probabilities' },
      testInput: await tensor(source.manifest.test.input),
      tolerance: 1e-4,
    });

    const loaded = await loadVersionModel(client, { id: 'v1', artifact: { bucket: BUCKET, prefix: 'imported/v1' } }, { tileWorkers: 2, backend: 'cpu' });
    expect('release' in loaded.model).toBe(true);
    expect(loaded.pool).toBeUndefined();
    expect(loaded.bytes).toBeGreaterThan(0);
    const image = { data: Uint8Array.from({ length: 96 * 80 }, (_, i) => (i * 7) % 256), width: 96, height: 80, channels: 1, bitDepth: 8 as const };
    const viaOnnx = await segmentImage({ image, model: loaded.model, tile: 64, stride: 32, normalisation: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] } });
    const viaTfjs = await segmentImage({ image, model, tile: 64, stride: 32, workers: 0, normalisation: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] } });
    expect(Buffer.from(viaOnnx.mask).equals(Buffer.from(viaTfjs.mask))).toBe(true);
    if ('release' in loaded.model) await loaded.model.release();
  });
});
