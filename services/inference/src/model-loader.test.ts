import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { silentLogger } from '@microseg/logging';
import { type ModelDescription, openArtifact, readManifest, saveArtifact, saveOnnxArtifact } from '@microseg/model-artifact';
import { buildModel } from '@microseg/segmentation';
import { type ImageInput, initBackend } from '@microseg/tf-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedModel } from './model-cache.ts';
import { type ModelLoaderOptions, loadVersionModel } from './model-loader.ts';

const CLASSES = [0, 1, 2].map((index) => ({ index, name: `class-${index}`, color: '#000000' }));
const options: ModelLoaderOptions = {
  engine: 'onnx', onnxThreads: 1, onnxDevice: 'auto', tileBatch: 3, tileWorkers: 0, logger: silentLogger,
  tfjs: async () => ({ runtime: await import('@microseg/tf-runtime'), backend: 'wasm' }),
};

let dir: string;
/** One network saved twice: as artifacts are saved now (with model.onnx) and as before ONNX export. */
let withOnnx: string;
let withoutOnnx: string;

beforeAll(async () => {
  await initBackend({ preferred: 'wasm' });
  dir = await mkdtemp(join(tmpdir(), 'model-loader-'));
  const model = buildModel({ architecture: 'unet', encoder: 'resnet18', classes: CLASSES.length, encoderDepth: 3, decoderChannels: [16, 8, 8] });
  const description: ModelDescription = {
    name: 'tiny', architecture: 'unet', encoder: 'resnet18', classes: CLASSES,
    input: { channels: 3, grayscale: 'replicate', bitDepths: [8, 16], normalisation: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
    tile: { size: 64, stride: 32 }, trainingPixelSize: null, sourceWeights: [], metrics: {}, licence: 'MIT', codeVersion: 'test',
  };
  const testInput = { shape: [1, 32, 32, 3], data: Float32Array.from({ length: 32 * 32 * 3 }, (_, i) => Math.sin(i) * 2) };
  withOnnx = join(dir, 'with-onnx');
  withoutOnnx = join(dir, 'without-onnx');
  await saveArtifact(model, description, withOnnx, { testInput });
  await saveArtifact(model, description, withoutOnnx, { testInput, onnx: false });
  model.dispose();
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const image: ImageInput = {
  data: Uint8Array.from({ length: 150 * 130 }, (_, i) => 128 + 100 * Math.sin((i % 150) / 9) * Math.cos(i / 150 / 7)),
  width: 150,
  height: 130,
  channels: 1,
  bitDepth: 8,
};

async function segment(loaded: LoadedModel) {
  return loaded.segment({ image, tile: loaded.manifest.tile.size, stride: loaded.manifest.tile.stride });
}

function differingPixels(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

describe('loadVersionModel', () => {
  it('runs ONNX Runtime by default, with the masks of the tfjs engine, and records the backend used', async () => {
    const onnx = await loadVersionModel(withOnnx, options);
    const tfjs = await loadVersionModel(withOnnx, { ...options, engine: 'tfjs' });
    try {
      expect(onnx.backend).toBe('onnxruntime-cpu');
      expect(tfjs.backend).toBe('wasm');
      const [viaOnnx, viaTfjs] = [await segment(onnx), await segment(tfjs)];
      expect(viaOnnx.tiles).toBe(25);
      expect(differingPixels(viaOnnx.mask, viaTfjs.mask)).toBe(0);
    } finally {
      await Promise.all([onnx.dispose(), tfjs.dispose()]);
    }
  });

  it('exports the ONNX graph on load for an artifact saved before ONNX export, leaving the artifact as it was', async () => {
    expect((await readManifest(withoutOnnx)).onnx).toBeUndefined();
    const exported = await loadVersionModel(withoutOnnx, options);
    const saved = await loadVersionModel(withOnnx, options);
    try {
      expect(exported.backend).toBe('onnxruntime-cpu');
      expect(differingPixels((await segment(exported)).mask, (await segment(saved)).mask)).toBe(0);
      expect((await readManifest(withoutOnnx)).onnx).toBeUndefined();
    } finally {
      await Promise.all([exported.dispose(), saved.dispose()]);
    }
  });

  it('counts the ONNX weights and the working memory of a tile batch in the cache bound, and frees the session on dispose', async () => {
    const loaded = await loadVersionModel(withOnnx, options);
    const bigger = await loadVersionModel(withOnnx, { ...options, tileBatch: 6 });
    expect(bigger.bytes).toBeGreaterThan(loaded.bytes);
    await Promise.all([loaded.dispose(), bigger.dispose()]);
    await expect(segment(loaded)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('keeps this thread free while ONNX Runtime computes an image', async () => {
    const loaded = await loadVersionModel(withOnnx, options);
    const big: ImageInput = { ...image, data: new Uint8Array(1024 * 1024).fill(90), width: 1024, height: 1024 };
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      const started = performance.now();
      await loaded.segment({ image: big, tile: 64, stride: 32 });
      const ms = performance.now() - started;
      // The image takes seconds; this thread only cuts tiles and stitches between runs.
      expect(ticks).toBeGreaterThan(ms / 10 / 4);
      expect(longestGap).toBeLessThan(ms / 4);
    } finally {
      clearInterval(timer);
      await loaded.dispose();
    }
  });

  it('serves a version that holds ONNX weights only (an imported bioimage.io package) on ONNX Runtime, even when tfjs is the engine', async () => {
    const source = await openArtifact(withOnnx);
    const tensor = async (file: { file: string; shape: number[] }) => ({ shape: file.shape, data: new Float32Array((await source.read(file.file)).slice().buffer) });
    const onnxOnly = join(dir, 'onnx-only');
    await saveOnnxArtifact(await source.read('model.onnx'), { ...source.manifest, name: 'imported' }, onnxOnly, {
      names: { input: 'image', output: 'probabilities' },
      testInput: await tensor(source.manifest.test.input),
      tolerance: 1e-4,
    });
    const imported = await loadVersionModel(onnxOnly, { ...options, engine: 'tfjs' });
    const reference = await loadVersionModel(withOnnx, { ...options, engine: 'tfjs' });
    try {
      expect(imported.backend).toMatch(/^onnxruntime-/);
      expect(differingPixels((await segment(imported)).mask, (await segment(reference)).mask)).toBe(0);
    } finally {
      await imported.dispose();
      await reference.dispose();
    }
  }, 120_000);

  it('loads and runs a version\'s own model.onnx without TensorFlow.js anywhere in the service process; the tfjs engine loads it', async () => {
    const inProcess = async (engine: string) => {
      const child = join(import.meta.dirname, 'testing', 'onnx-version-process.ts');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, withOnnx, engine], { cwd: import.meta.dirname });
      return JSON.parse(stdout) as { backend: string; tiles: number; tfjs: string[] };
    };
    const [onnx, tfjs] = await Promise.all([inProcess('onnx'), inProcess('tfjs')]);
    expect(onnx).toEqual({ backend: 'onnxruntime-cpu', tiles: 12, tfjs: [] });
    expect(tfjs).toMatchObject({ backend: 'wasm', tiles: 12 });
    expect(tfjs.tfjs).toEqual(expect.arrayContaining(['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-wasm']));
  }, 120_000);
});
