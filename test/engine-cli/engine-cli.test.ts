import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIndexMask } from '@microseg/metrology';
import { decodeImage } from '@microseg/micrograph';
import { loadArtifact, readManifest } from '@microseg/model-artifact';
import '@microseg/segmentation';
import { initBackend, segmentImage } from '@microseg/tf-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, loadedTfjs, microseg, readNpyFloat32 } from './cli-process.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const CHECKPOINT = join(FIXTURES, 'unet-mobilenet_v2-tiny.pth.tar');
const BENCHMARK = process.env['MICRONET_BENCHMARK_DIR'] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');
const IMAGE = join(BENCHMARK, 'images', 'super', 'spot1_0d_0.png');
/** The fixture's network is SMP's UNet at encoder_depth 3 with a narrow decoder (see fixtures/make_checkpoints.py). */
const TINY = ['--encoder-depth', '3', '--decoder-channels', '16,8,8'];
const CLASS_NAMES = ['matrix', 'secondary', 'tertiary'];

interface ImportSummary {
  loaded: number;
  skipped: string[];
  classes: { index: number; name: string; color: string }[];
  checkpoint: { file: string; format: string; sha256: string };
}
interface ImportSummaryWithSource extends ImportSummary {
  scope: string;
  micronet?: { encoder: string; pretraining: string; version: string };
}
interface PredictSummary {
  images: { image: string; mask: string; probabilities: string; classes: { index: number; name: string; pixels: number }[] }[];
}

const errorOf = (run: CliRun) => (JSON.parse(run.stderr) as { error: { code: string; message: string; details: Record<string, unknown> } }).error;

describe('microseg model import / model info / predict (PyTorch UNet checkpoint -> artifact -> index masks, wasm)', () => {
  let work: string;
  let modelDir: string;
  let imported: CliRun;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'microseg-engine-cli-'));
    modelDir = join(work, 'unet-mobilenet_v2');
    imported = await microseg([
      'model', 'import', CHECKPOINT, '--arch', 'unet', '--encoder', 'mobilenet_v2', '--classes', '3', ...TINY,
      '--class-names', CLASS_NAMES.join(','), '--pixel-size', '12.5nm', '--out', modelDir, '--json',
    ]);
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('imports a torch.save checkpoint into an artifact directory and reports what it loaded', async () => {
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout) as ImportSummary;
    const sha256 = createHash('sha256').update(await readFile(CHECKPOINT)).digest('hex');
    expect(summary).toMatchObject({
      architecture: 'unet',
      encoder: 'mobilenet_v2',
      scope: 'model',
      checkpoint: { file: 'unet-mobilenet_v2-tiny.pth.tar', format: 'torch-zip', sha256 },
      backend: 'wasm',
    });
    expect(summary.loaded).toBeGreaterThan(100);
    expect(summary.skipped.every((key) => key.endsWith('num_batches_tracked'))).toBe(true);
    expect(summary.classes.map((c) => c.name)).toEqual(CLASS_NAMES);
    for (const file of ['microseg.json', 'model.json', 'model.onnx', 'test-input.bin', 'test-output.bin']) {
      expect((await stat(join(modelDir, file))).size).toBeGreaterThan(0);
    }
  });

  it('model info --json prints the manifest: network, classes with colours, input, tiles, sources, metrics', async () => {
    const info = await microseg(['model', 'info', modelDir, '--json']);
    expect(info.code, info.stderr).toBe(0);
    const manifest = JSON.parse(info.stdout);
    expect(manifest).toMatchObject({
      architecture: 'unet',
      encoder: 'mobilenet_v2',
      input: { channels: 3, grayscale: 'replicate', bitDepths: [8, 16], normalisation: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
      tile: { size: 512, stride: 256 },
      trainingPixelSize: { value: 12.5, unit: 'nm' },
      sourceWeights: [{ name: 'unet-mobilenet_v2-tiny.pth.tar', sha256: (JSON.parse(imported.stdout) as ImportSummary).checkpoint.sha256 }],
      metrics: {},
      licence: 'unknown',
    });
    expect(manifest.classes).toEqual(CLASS_NAMES.map((name, index) => ({ index, name, color: expect.stringMatching(/^#[0-9a-f]{6}$/) })));
  });

  it('predict --engine tfjs writes an index mask of the image size with classes 0..2, equal to a direct segmentImage call', async () => {
    const out = join(work, 'masks');
    const run = await microseg(['predict', '--model', modelDir, IMAGE, '--out', out, '--engine', 'tfjs', '--tile', '256', '--workers', '2', '--probabilities', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ engine: 'tfjs', backend: 'wasm', tile: 256, stride: 128, workers: 2 });
    const predicted = (result as PredictSummary).images[0]!;
    expect(predicted).toMatchObject({ image: IMAGE, mask: join(out, 'spot1_0d_0.png'), width: 512, height: 512, bitDepth: 8, tiles: 16 });

    const mask = await readIndexMask(predicted.mask);
    expect([mask.width, mask.height]).toEqual([512, 512]);
    const counts = [0, 0, 0];
    for (const value of mask.data) counts[value] = (counts[value] ?? 0) + 1;
    expect(counts).toHaveLength(3);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(predicted.classes).toEqual(CLASS_NAMES.map((name, index) => ({ index, name, pixels: counts[index] })));

    await initBackend({ preferred: 'wasm' });
    const { model, manifest } = await loadArtifact(modelDir);
    const decoded = await decodeImage(await readFile(IMAGE));
    const direct = await segmentImage({
      image: { data: decoded.pixels, width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels, bitDepth: decoded.info.bitDepth },
      model,
      tile: 256,
      stride: 128,
      workers: 0,
      probabilities: true,
      normalisation: { mean: manifest.input.normalisation.mean as [number, number, number], std: manifest.input.normalisation.std as [number, number, number] },
    });
    model.dispose();
    expect(Buffer.from(mask.data).equals(Buffer.from(direct.mask))).toBe(true);

    const probabilities = readNpyFloat32(await readFile(predicted.probabilities));
    expect(probabilities.shape).toEqual([512, 512, 3]);
    let maxDiff = 0;
    for (let i = 0; i < probabilities.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(probabilities.data[i]! - direct.probabilities![i]!));
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('predict runs on ONNX Runtime by default without loading TensorFlow.js, with the same mask as the tfjs path on the benchmark image', async () => {
    const out = join(work, 'onnx-masks');
    const run = await microseg(['predict', '--model', modelDir, IMAGE, '--out', out, '--tile', '256', '--threads', '2', '--probabilities', '--json'], { reportTfjs: true });
    expect(run.code, run.stderr).toBe(0);
    expect(loadedTfjs(run)).toEqual([]);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ engine: 'onnx', backend: 'onnxruntime-cpu', tile: 256, stride: 128, threads: 2 });
    expect(result).not.toHaveProperty('workers');
    const predicted = (result as PredictSummary).images[0]!;

    const tfjsOut = join(work, 'tfjs-masks');
    const tfjsRun = await microseg(['predict', '--model', modelDir, IMAGE, '--out', tfjsOut, '--engine', 'tfjs', '--tile', '256', '--workers', '0', '--probabilities', '--json'], { reportTfjs: true });
    expect(tfjsRun.code, tfjsRun.stderr).toBe(0);
    // The fallback stays selectable, and the report does see tfjs where it is loaded.
    expect(loadedTfjs(tfjsRun)).toEqual(expect.arrayContaining(['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-wasm']));
    const viaTfjs = (JSON.parse(tfjsRun.stdout) as PredictSummary).images[0]!;

    const [onnxP, tfjsP] = await Promise.all([readFile(predicted.probabilities), readFile(viaTfjs.probabilities)].map(async (p) => readNpyFloat32(await p)));
    let maxDiff = 0;
    for (let i = 0; i < onnxP!.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(onnxP!.data[i]! - tfjsP!.data[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
    // Same mask, except where tfjs' two best classes tie to float rounding: this fixture's untrained
    // network gives near-uniform probabilities (0.34/0.32/0.34), so a pixel or two can tie.
    const [onnxMask, tfjsMask] = await Promise.all([readIndexMask(predicted.mask), readIndexMask(viaTfjs.mask)]);
    const differing: number[] = [];
    for (let i = 0; i < tfjsMask.data.length; i++) if (onnxMask.data[i] !== tfjsMask.data[i]) differing.push(i);
    expect(differing.length).toBeLessThanOrEqual(4);
    for (const pixel of differing) {
      const p = tfjsP!.data.subarray(pixel * 3, pixel * 3 + 3);
      expect(Math.abs(p[onnxMask.data[pixel]!]! - p[tfjsMask.data[pixel]!]!)).toBeLessThan(1e-5);
    }

    const mixed = await microseg(['predict', '--model', modelDir, IMAGE, '--out', join(work, 'mixed'), '--workers', '2', '--json']);
    expect(mixed.code).toBe(1);
    expect(errorOf(mixed)).toMatchObject({ code: 'INVALID_INPUT', details: { engine: 'onnx', workers: '2' } });
  });

  it('a truncated checkpoint is an INVALID_INPUT error and writes no artifact', async () => {
    const truncated = join(work, 'truncated.pth.tar');
    const bytes = await readFile(CHECKPOINT);
    await writeFile(truncated, bytes.subarray(0, bytes.length >> 1));
    const out = join(work, 'from-truncated');
    const run = await microseg(['model', 'import', truncated, ...TINY, '--out', out, '--json']);
    expect(run.code).toBe(1);
    expect(errorOf(run).code).toBe('INVALID_INPUT');
    await expect(stat(out)).rejects.toThrow();
  });

  it('a checkpoint whose keys do not match the network is an INVALID_INPUT error listing missing and unexpected keys', async () => {
    // No --arch/--encoder: the checkpoint's own `architecture` and `encoder` name the network.
    const run = await microseg(['model', 'import', join(FIXTURES, 'mismatched-keys.pth'), ...TINY, '--out', join(work, 'mismatched'), '--json']);
    expect(run.code).toBe(1);
    const error = errorOf(run);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details['missing']).toEqual(['decoder.blocks.0.conv1.0.weight']);
    expect(error.details['unexpected']).toEqual(expect.arrayContaining(['decoder.blocks.0.conv1.0.wieght', 'extra.bias']));
  });

  it('a MicroNet release file imports encoder-only into a network with a fresh decoder', async () => {
    const out = join(work, 'micronet');
    const file = 'mobilenet_v2_pretrained_microscopynet_v1.1.pth.tar';
    const run = await microseg(['model', 'import', join(FIXTURES, file), '--classes', '3', ...TINY, '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as ImportSummaryWithSource;
    expect(summary).toMatchObject({
      scope: 'encoder',
      micronet: { encoder: 'mobilenet_v2', pretraining: 'microscopynet', version: '1.1' },
      checkpoint: { file, format: 'torch-zip' },
    });
    expect(summary.classes.map((c) => c.name)).toEqual(['background', 'class 1', 'class 2']);
    const manifest = await readManifest(out);
    expect(manifest).toMatchObject({ architecture: 'unet', encoder: 'mobilenet_v2', licence: expect.stringContaining('MIT') });
  });

  it('predict refuses an artifact that no longer reproduces its recorded test output', async () => {
    const tampered = join(work, 'tampered');
    await cp(modelDir, tampered, { recursive: true });
    const output = new Float32Array(new Uint8Array(await readFile(join(tampered, 'test-output.bin'))).buffer);
    output[0] = output[0]! + 0.5;
    const bytes = new Uint8Array(output.buffer);
    await writeFile(join(tampered, 'test-output.bin'), bytes);
    // Keep the checksums consistent so that only the self-test can notice.
    const manifestFile = join(tampered, 'microseg.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { files: Record<string, string> };
    manifest.files['test-output.bin'] = createHash('sha256').update(bytes).digest('hex');
    await writeFile(manifestFile, JSON.stringify(manifest));

    const run = await microseg(['predict', '--model', tampered, IMAGE, '--out', join(work, 'tampered-masks'), '--json']);
    expect(run.code).toBe(1);
    const error = errorOf(run);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details['reason']).toBe('test-output-mismatch');
    await expect(stat(join(work, 'tampered-masks'))).rejects.toThrow();
  });
});
