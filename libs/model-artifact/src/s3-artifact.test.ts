import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { Client } from 'minio';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactErrorReason, type S3Location, copyArtifact, loadArtifact, loadOnnxArtifact, openArtifact, readManifest, s3IOHandler, saveArtifact, saveOnnxArtifact } from './index.ts';
import { decodeFloat32 } from './test-vector.ts';
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

  it('saves an ONNX-only artifact that runs on ONNX Runtime only, and copies it to a tarball that loads the same', async () => {
    const source = await openArtifact(at('unet/resnet18/v1'));
    const { test } = source.manifest;
    const testInput = { shape: test.input.shape, data: decodeFloat32(await source.read(test.input.file), test.input.shape, 'input') };
    const expectedOutput = { shape: test.output.shape, data: decodeFloat32(await source.read(test.output.file), test.output.shape, 'output') };
    const names = { input: 'image', output: 'probabilities' };
    const onnx = await source.read('model.onnx');
    const saved = await saveOnnxArtifact(onnx, description, at('imported/v1'), { names, testInput, expectedOutput, tolerance: 1e-4 });
    expect(Object.keys(saved.files).sort()).toEqual(['model.onnx', 'test-input.bin', 'test-output.bin']);
    expect(saved.onnx).toEqual({ file: 'model.onnx', opset: 17, ...names });
    await expect(loadArtifact(at('imported/v1'))).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: ArtifactErrorReason.TFJS_MISSING } });

    const tarball = join(directory, 'imported.tar.gz');
    await copyArtifact(at('imported/v1'), tarball);
    const loaded = await loadOnnxArtifact(tarball, { threads: 1 });
    expect(loaded.manifest).toEqual(saved);
    await loaded.runner.release();

    const wrong = { ...expectedOutput, data: expectedOutput.data.map((v) => v + 0.01) };
    await expect(saveOnnxArtifact(onnx, description, at('imported/v2'), { names, testInput, expectedOutput: wrong, tolerance: 1e-4 })).rejects.toMatchObject({
      details: { reason: ArtifactErrorReason.TEST_OUTPUT_MISMATCH },
    });
    await expect(readManifest(at('imported/v2'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports a missing artifact as NOT_FOUND', async () => {
    await expect(readManifest(at('no/such/model'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
