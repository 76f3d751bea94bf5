import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import '@tensorflow/tfjs-backend-cpu';
import { type Tensor, setBackend, tensor } from '@tensorflow/tfjs-core';
import { layers, loadLayersModel, sequential } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArtifactErrorReason,
  directoryIOHandler,
  loadArtifact,
  loadOnnxArtifact,
  readManifest,
  saveArtifact,
} from './index.ts';
import { description, tinyModel } from './test-model.ts';
import { sha256Hex } from './sha256.ts';

let root: string;
beforeAll(async () => {
  await setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'model-artifact-test-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function invalid(promise: Promise<unknown>): Promise<MicroSegError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

async function editJson(path: string, edit: (json: Record<string, any>) => void) {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, any>;
  edit(json);
  await writeFile(path, JSON.stringify(json));
}

describe('model artifacts on disk', () => {
  it('saves a directory that loads back as the same model, with every file hashed', async () => {
    const model = tinyModel();
    const dir = join(root, 'round-trip');
    const saved = await saveArtifact(model, description, dir);

    expect(Object.keys(saved.files).sort()).toEqual([
      'group1-shard1of1.bin',
      'model.json',
      'model.onnx',
      'test-input.bin',
      'test-output.bin',
    ]);
    for (const [name, hash] of Object.entries(saved.files))
      expect(sha256Hex(await readFile(join(dir, name)))).toBe(hash);
    expect(saved.test.output.shape).toEqual([1, 64, 64, 3]);

    const { model: loaded, manifest } = await loadArtifact(dir);
    expect(manifest).toEqual(saved);
    expect(await readManifest(dir)).toEqual(saved);
    const x = tensor(
      [...Array(2 * 5 * 7 * 3).keys()].map((i) => Math.sin(i)),
      [2, 5, 7, 3],
    );
    expect(await (loaded.predict(x) as Tensor).array()).toEqual(
      await (model.predict(x) as Tensor).array(),
    );
    loaded.dispose();
  });

  it('writes the network as model.onnx that ONNX Runtime loads, self-tests and runs like tfjs', async () => {
    const model = tinyModel();
    const dir = join(root, 'onnx');
    const saved = await saveArtifact(model, description, dir);
    expect(saved.onnx).toEqual({ file: 'model.onnx', opset: 17, input: 'image', output: 'probabilities' });

    const { runner, manifest } = await loadOnnxArtifact(dir, { threads: 1 });
    try {
      expect(manifest).toEqual(saved);
      const data = Float32Array.from({ length: 2 * 5 * 7 * 3 }, (_, i) => Math.sin(i));
      const onnx = await runner.run({ shape: [2, 5, 7, 3], data });
      const tfjs = model.predict(tensor(data, [2, 5, 7, 3])) as Tensor;
      expect(onnx.shape).toEqual(tfjs.shape);
      const expected = (await tfjs.data()) as Float32Array;
      expect(Math.max(...onnx.data.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-5);
    } finally {
      await runner.release();
    }
  });

  it('refuses a tampered model.onnx, and says when an artifact has none', async () => {
    const dir = join(root, 'onnx-tampered');
    await saveArtifact(tinyModel(), description, dir);
    const onnx = await readFile(join(dir, 'model.onnx'));
    onnx[onnx.length - 1]! ^= 0xff;
    await writeFile(join(dir, 'model.onnx'), onnx);
    expect((await invalid(loadOnnxArtifact(dir))).details).toMatchObject({
      reason: ArtifactErrorReason.CHECKSUM_MISMATCH,
      file: 'model.onnx',
    });

    const tfjsOnly = join(root, 'tfjs-only');
    const saved = await saveArtifact(tinyModel(), description, tfjsOnly, { onnx: false });
    expect(saved.onnx).toBeUndefined();
    expect(Object.keys(saved.files)).not.toContain('model.onnx');
    expect((await invalid(loadOnnxArtifact(tfjsOnly))).details).toMatchObject({ reason: ArtifactErrorReason.ONNX_MISSING });
  });

  it('packs a .tar.gz that loads back', async () => {
    const path = join(root, 'model.tar.gz');
    const saved = await saveArtifact(tinyModel(), description, path);
    const { manifest, model } = await loadArtifact(path);
    expect(manifest).toEqual(saved);
    model.dispose();
    await expect(saveArtifact(tinyModel(), description, path)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses to replace an artifact unless told to', async () => {
    const dir = join(root, 'twice');
    await saveArtifact(tinyModel(), description, dir);
    await expect(saveArtifact(tinyModel(), description, dir)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await saveArtifact(tinyModel(), description, dir, { overwrite: true });
  });

  it('refuses a model that no longer reproduces its test output', async () => {
    const dir = join(root, 'drifted');
    await saveArtifact(tinyModel(), description, dir);
    // Different weights whose files are consistently hashed: only the reproducibility check can notice.
    const other = tinyModel();
    await other.save(directoryIOHandler(dir));
    for (const name of ['model.json', 'group1-shard1of1.bin']) {
      const data = await readFile(join(dir, name));
      await editJson(join(dir, 'microseg.json'), (json) => {
        json.files[name] = sha256Hex(data);
      });
    }
    const error = await invalid(loadArtifact(dir));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({
      reason: ArtifactErrorReason.TEST_OUTPUT_MISMATCH,
      tolerance: 1e-3,
    });
    expect(error.details.maxAbsDiff).toBeGreaterThan(1e-3);
  });

  it('refuses a file whose sha256 differs from the manifest', async () => {
    const dir = join(root, 'tampered');
    await saveArtifact(tinyModel(), description, dir);
    const shard = await readFile(join(dir, 'group1-shard1of1.bin'));
    shard[0]! ^= 0xff;
    await writeFile(join(dir, 'group1-shard1of1.bin'), shard);
    const error = await invalid(loadArtifact(dir));
    expect(error.details).toMatchObject({
      reason: ArtifactErrorReason.CHECKSUM_MISMATCH,
      file: 'group1-shard1of1.bin',
    });
  });

  it('refuses weight paths that leave the artifact and an invalid manifest', async () => {
    const dir = join(root, 'escape');
    await saveArtifact(tinyModel(), description, dir);
    await editJson(join(dir, 'model.json'), (json) => {
      json.weightsManifest[0].paths = ['../../etc/passwd'];
    });
    const modelJson = await readFile(join(dir, 'model.json'));
    await editJson(join(dir, 'microseg.json'), (json) => {
      json.files['model.json'] = sha256Hex(modelJson);
    });
    expect((await invalid(loadArtifact(dir))).details).toMatchObject({ name: '../../etc/passwd' });

    await editJson(join(dir, 'microseg.json'), (json) => {
      json.classes[0].color = 'red';
      delete json.licence;
    });
    const error = await invalid(readManifest(dir));
    expect(error.details.reason).toBe(ArtifactErrorReason.MANIFEST_INVALID);
    expect((error.details.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual([
      'classes.0.color',
      'licence',
    ]);
  });

  it('refuses to save a model whose outputs do not match the classes', async () => {
    const error = await invalid(
      saveArtifact(
        tinyModel(),
        { ...description, classes: description.classes.slice(0, 1) },
        join(root, 'x'),
      ),
    );
    expect(error.details).toEqual({ outputChannels: 3, classes: 1 });
  });

  it('reports a missing artifact as NOT_FOUND', async () => {
    await expect(loadArtifact(join(root, 'nothing-here'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('shards large weights the way the tfjs converter does and loads them through the IOHandler alone', async () => {
    const model = sequential();
    model.add(layers.conv2d({ inputShape: [null, null, 3], filters: 128, kernelSize: 1 }));
    model.add(layers.conv2d({ filters: 1024, kernelSize: 3, padding: 'same' }));
    const dir = join(root, 'sharded');
    await model.save(directoryIOHandler(dir));
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    const loaded = await loadLayersModel(directoryIOHandler(dir));
    const [got, want] = [loaded.getWeights()[2]!, model.getWeights()[2]!];
    expect(
      Buffer.compare(
        Buffer.from((await got.data()).buffer),
        Buffer.from((await want.data()).buffer),
      ),
    ).toBe(0);
  });
});

describe('saveArtifact arguments', () => {
  it('refuses a test input whose data does not fit its shape, and a tolerance of zero', async () => {
    const data = new Float32Array(10);
    const shaped = saveArtifact(tinyModel(), description, join(root, 'bad-input'), {
      testInput: { shape: [1, 4, 4, 3], data },
    });
    await expect(shaped).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const zero = saveArtifact(tinyModel(), description, join(root, 'zero'), { tolerance: 0 });
    await expect(zero).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'manifest-invalid' },
    });
  });
});
