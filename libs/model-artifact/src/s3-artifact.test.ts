import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { Client } from 'minio';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Location, loadArtifact, loadOnnxArtifact, readManifest, s3IOHandler, saveArtifact } from './index.ts';
import { description, tinyModel } from './test-model.ts';

const BUCKET = 'models';
let server: S3rver;
let directory: string;
let client: Client;

beforeAll(async () => {
  await setBackend('cpu');
  directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  client = new Client({
    endPoint: '127.0.0.1',
    port,
    useSSL: false,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    pathStyle: true,
    region: 'us-east-1',
  });
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const at = (prefix: string): S3Location => ({ client, bucket: BUCKET, prefix });

describe('model artifacts in S3', () => {
  it('saves under a prefix and loads back with verification', async () => {
    const saved = await saveArtifact(tinyModel(), description, at('unet/resnet18/v1'));
    const keys: string[] = [];
    for await (const item of client.listObjectsV2(BUCKET, 'unet/resnet18/v1/', true))
      keys.push((item as { name: string }).name);
    expect(keys.sort()).toEqual(
      [
        'group1-shard1of1.bin',
        'microseg.json',
        'model.json',
        'model.onnx',
        'test-input.bin',
        'test-output.bin',
      ].map((name) => `unet/resnet18/v1/${name}`),
    );
    expect(await readManifest(at('unet/resnet18/v1/'))).toEqual(saved);
    const { model, manifest } = await loadArtifact(at('unet/resnet18/v1'));
    expect(manifest).toEqual(saved);
    model.dispose();
    const onnx = await loadOnnxArtifact(at('unet/resnet18/v1'), { threads: 1 });
    expect(onnx.manifest).toEqual(saved);
    await onnx.runner.release();
  });

  it('works as a plain tfjs IOHandler', async () => {
    const model = tinyModel();
    await model.save(s3IOHandler(at('plain')));
    const loaded = await loadLayersModel(s3IOHandler(at('plain')));
    expect(loaded.countParams()).toBe(model.countParams());
  });

  it('reports a missing artifact as NOT_FOUND', async () => {
    await expect(readManifest(at('no/such/model'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
