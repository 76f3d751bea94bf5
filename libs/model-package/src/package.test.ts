import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import { ArtifactErrorReason, type ModelDescription, loadArtifact, loadOnnxArtifact, openArtifact, saveArtifact } from '@microseg/model-artifact';
import { segmentImage } from '@microseg/tf-runtime';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { initializers, layers, sequential } from '@tensorflow/tfjs-layers';
import sharp from 'sharp';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackageErrorReason, type GrayImage, exportPackage, importPackage, readNpy, readZip, writeNpy, writeZip } from './index.ts';

const BENCHMARK = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'micronet-benchmark', 'images', 'super', 'spot1_0d_0.png');

const description: ModelDescription = {
  name: 'tiny-super',
  architecture: 'unet',
  encoder: 'resnet18',
  classes: [
    { index: 0, name: 'matrix', color: '#000000' },
    { index: 1, name: 'secondary', color: '#0000ff' },
    { index: 2, name: 'tertiary', color: '#ff0000' },
  ],
  input: { channels: 3, grayscale: 'replicate', bitDepths: [8, 16], normalisation: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
  tile: { size: 256, stride: 128 },
  trainingPixelSize: null,
  sourceWeights: [],
  metrics: { valIou: 0.5 },
  licence: 'MIT',
  codeVersion: 'test',
};

/** A small fully convolutional three-class network with seeded weights. */
function tinyModel() {
  const model = sequential();
  model.add(layers.conv2d({ inputShape: [null, null, 3], filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 3 }) }));
  model.add(layers.conv2d({ filters: 3, kernelSize: 1, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 4 }), biasInitializer: initializers.randomNormal({ seed: 5 }) }));
  return model;
}

async function benchmarkImage(): Promise<GrayImage> {
  if (!existsSync(BENCHMARK)) throw new Error(`the MicroNet benchmark image ${BENCHMARK} is missing (../shared/data)`);
  const { data, info } = await sharp(BENCHMARK).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data), width: info.width, height: info.height };
}

async function refusal(promise: Promise<unknown>): Promise<MicroSegError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MicroSegError);
  expect((error as MicroSegError).code).toBe('INVALID_INPUT');
  return error as MicroSegError;
}

/** The package with one file changed (and rdf.yaml edited, when given). */
function tamper(zip: Uint8Array, change: { file?: [string, (bytes: Uint8Array) => Uint8Array]; rdf?: (rdf: any) => void }): Uint8Array {
  const files = Object.fromEntries(readZip(zip));
  if (change.file) files[change.file[0]] = change.file[1](files[change.file[0]]!);
  if (change.rdf) {
    const rdf = parse(new TextDecoder().decode(files['rdf.yaml']));
    change.rdf(rdf);
    files['rdf.yaml'] = new TextEncoder().encode(stringify(rdf));
  }
  return writeZip(files);
}

let root: string;
let artifactDir: string;
let sample: GrayImage;
let zip: Uint8Array;

beforeAll(async () => {
  await setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'model-package-test-'));
  artifactDir = join(root, 'artifact');
  await saveArtifact(tinyModel(), description, artifactDir);
  const image = await benchmarkImage();
  // A 256x256 crop of the benchmark image: the package's test input and cover.
  const pixels = new Uint8Array(256 * 256);
  for (let y = 0; y < 256; y++) pixels.set(image.pixels.subarray(y * image.width, y * image.width + 256), y * 256);
  sample = { pixels, width: 256, height: 256 };
  zip = (await exportPackage(artifactDir, { sample, authors: [{ name: 'Lab A' }], card: 'Trained on tiny crops.' })).zip;
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('bioimage.io export', () => {
  it('writes rdf.yaml (spec 0.5), ONNX weights, test tensors, cover and documentation with their sha256', async () => {
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual(['README.md', 'cover.png', 'model.onnx', 'rdf.yaml', 'test-input.npy', 'test-output.npy']);
    const rdf = parse(new TextDecoder().decode(files.get('rdf.yaml')));
    expect(rdf).toMatchObject({
      type: 'model',
      format_version: '0.5.4',
      name: 'tiny-super',
      authors: [{ name: 'Lab A' }],
      cite: [{ doi: '10.1038/s41524-022-00878-5' }],
      license: 'MIT',
      documentation: 'README.md',
      covers: ['cover.png'],
      weights: { onnx: { source: 'model.onnx', opset_version: 17 } },
      inputs: [{ id: 'image', axes: [{ type: 'batch' }, { type: 'channel', channel_names: ['red', 'green', 'blue'] }, { type: 'space', id: 'y' }, { type: 'space', id: 'x' }] }],
      outputs: [{ id: 'probabilities', axes: [{ type: 'batch' }, { type: 'channel', channel_names: ['matrix', 'secondary', 'tertiary'] }, {}, {}] }],
    });
    expect(rdf.inputs[0].preprocessing[1]).toEqual({ id: 'fixed_zero_mean_unit_variance', kwargs: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], axis: 'channel' } });
    expect(rdf.timestamp).toBe((await openArtifact(artifactDir)).manifest.createdAt);
    expect(readNpy(files.get('test-input.npy')!).shape).toEqual([1, 3, 256, 256]);
    expect(readNpy(files.get('test-output.npy')!).shape).toEqual([1, 3, 256, 256]);
    const cover = await sharp(files.get('cover.png')).metadata();
    expect([cover.width, cover.height]).toEqual([512, 256]);
    const readme = new TextDecoder().decode(files.get('README.md'));
    expect(readme).toContain('Stuckner');
    expect(readme).toContain('Trained on tiny crops.');
  });

  it('gives the same bytes for the same artifact (packages are cached by content)', async () => {
    const again = await exportPackage(artifactDir, { sample, authors: [{ name: 'Lab A' }], card: 'Trained on tiny crops.' });
    // Buffer.equals: vitest's deep equality walks megabytes element by element.
    expect(Buffer.from(again.zip).equals(zip)).toBe(true);
  });
});

describe('bioimage.io import', () => {
  it('reproduces the test tensors and gives the same masks as the exported model on a benchmark image', async () => {
    const target = join(root, 'imported');
    const { manifest } = await importPackage(zip, target, { name: 'reimported' });
    expect(manifest).toMatchObject({ name: 'reimported', architecture: 'unet', encoder: 'resnet18', classes: description.classes, tile: description.tile });
    expect(Object.keys(manifest.files).sort()).toEqual(['model.onnx', 'test-input.bin', 'test-output.bin']);
    expect((await refusal(loadArtifact(target))).details['reason']).toBe(ArtifactErrorReason.TFJS_MISSING);

    const image = await benchmarkImage();
    const masks: (Uint8Array | Uint16Array)[] = [];
    for (const location of [artifactDir, target]) {
      const { runner, manifest: loaded } = await loadOnnxArtifact(location, { threads: 1 });
      const result = await segmentImage({
        image: { data: image.pixels, width: image.width, height: image.height, channels: 1, bitDepth: 8 },
        model: runner,
        tile: loaded.tile.size,
        stride: loaded.tile.stride,
        normalisation: loaded.input.normalisation as never,
      });
      masks.push(result.mask);
      await runner.release();
    }
    expect(Buffer.from(masks[1]!).equals(Buffer.from(masks[0]!))).toBe(true);
    expect(new Set(masks[0]).size).toBeGreaterThan(1);
  });

  it('refuses a tampered package with a typed reason and writes nothing', async () => {
    const target = join(root, 'tampered');
    const flipped = tamper(zip, { file: ['model.onnx', (bytes) => { const copy = bytes.slice(); copy[copy.length - 1]! ^= 1; return copy; }] });
    expect((await refusal(importPackage(flipped, target))).details).toMatchObject({ reason: PackageErrorReason.CHECKSUM_MISMATCH, file: 'model.onnx' });

    const output = readNpy(readZip(zip).get('test-output.npy')!);
    const shifted = writeNpy(output.data.map((v) => v + 0.05), output.shape);
    const { createHash } = await import('node:crypto');
    const wrongOutput = tamper(zip, {
      file: ['test-output.npy', () => shifted],
      rdf: (rdf) => (rdf.outputs[0].test_tensor.sha256 = createHash('sha256').update(shifted).digest('hex')),
    });
    expect((await refusal(importPackage(wrongOutput, target))).details).toMatchObject({ reason: PackageErrorReason.TEST_OUTPUT_MISMATCH });

    const uncited = tamper(zip, { rdf: (rdf) => delete rdf.cite });
    expect((await refusal(importPackage(uncited, target))).details['reason']).toBe(PackageErrorReason.RDF_INVALID);
    const percentile = tamper(zip, { rdf: (rdf) => (rdf.inputs[0].preprocessing = [{ id: 'scale_range', kwargs: { min_percentile: 1 } }]) });
    expect((await refusal(importPackage(percentile, target))).details['reason']).toBe(PackageErrorReason.UNSUPPORTED);
    const missing = Object.fromEntries(readZip(zip));
    delete missing['test-input.npy'];
    expect((await refusal(importPackage(writeZip(missing), target))).details).toMatchObject({ reason: PackageErrorReason.FILE_MISSING, file: 'test-input.npy' });
    expect((await refusal(importPackage(new TextEncoder().encode('not a zip'), target))).details['reason']).toBe(PackageErrorReason.NOT_A_ZIP);
    expect(existsSync(target)).toBe(false);
  });

  it('runs a foreign package whose preprocessing scales 8-bit values linearly', async () => {
    const files = Object.fromEntries(readZip(zip));
    const rdf = parse(new TextDecoder().decode(files['rdf.yaml']));
    // The same network described as taking 0..255 values: scale to 0..1 first, then normalise.
    rdf.inputs[0].data = { type: 'uint8' };
    rdf.inputs[0].preprocessing = [{ id: 'scale_linear', kwargs: { gain: 1 / 255, offset: 0 } }, rdf.inputs[0].preprocessing[1]];
    const input = readNpy(files['test-input.npy']!);
    const raw = writeNpy(input.data.map((v) => Math.round(v * 255)), input.shape);
    const { createHash } = await import('node:crypto');
    rdf.inputs[0].test_tensor.sha256 = createHash('sha256').update(raw).digest('hex');
    delete rdf.config.microseg;
    files['test-input.npy'] = raw;
    files['rdf.yaml'] = new TextEncoder().encode(stringify(rdf));
    const { manifest } = await importPackage(writeZip(files), join(root, 'foreign'));
    expect(manifest).toMatchObject({ architecture: 'onnx', input: { bitDepths: [8] }, classes: [{ name: 'matrix' }, { name: 'secondary' }, { name: 'tertiary' }] });
    manifest.input.normalisation.mean.forEach((m, c) => expect(m).toBeCloseTo(description.input.normalisation.mean[c]!, 6));
    manifest.input.normalisation.std.forEach((s, c) => expect(s).toBeCloseTo(description.input.normalisation.std[c]!, 6));
  });
});
