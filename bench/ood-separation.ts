/**
 * Out-of-distribution score separation on the MicroNet benchmark: a UNet-ResNet18 that has seen the
 * Super1 training images (the reference), calibrated on Super1's validation split, scored on Super1's
 * test images (its own material) and on every EBC coating image (another material). Prints each
 * domain's scores and the ratio of the smallest EBC score to the threshold.
 * Run: `pnpm bench:ood [--steps N] [--depth D] [--experiment SuperK]` (N training steps at 256 px before scoring,
 * default 0: the seeded initial weights; encoder depth, default 5; the superalloy experiment, default Super1).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { decodeImage } from '@microseg/micrograph';
import { startLayersOnnxRunner } from '@microseg/model-artifact';
import { encoderFeatureModel } from '@microseg/segmentation';
import {
  type ImageInput, PAPER_AUGMENTATION, augmentSample, calibrateThreshold, createRng, createTrainer, encoderFeatures, featureDistance,
  fitFeatureReference, initBackend, layersRunner, sampleToTensors, toUnitRange,
} from '@microseg/tf-runtime';
import { buildSeededModel } from '@microseg/training-service';

const DATA = process.env['MICRONET_BENCHMARK'] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'micronet-benchmark');
const option = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
const steps = option('--steps') ?? 0;
const encoderDepth = option('--depth') ?? 5;
const experiment = process.argv.includes('--experiment') ? process.argv[process.argv.indexOf('--experiment') + 1]! : 'Super1';

interface Manifest { experiments: Record<string, { train: string[]; val: string[]; test?: string[] }>; images: Record<string, { material: string }> }
const manifest = JSON.parse(await readFile(join(DATA, 'manifest.json'), 'utf8')) as Manifest;

async function load(material: string, name: string, folder = 'images'): Promise<ImageInput> {
  const decoded = await decodeImage(await readFile(join(DATA, folder, material, `${name}.png`)));
  const { width, height, channels, bitDepth } = decoded.info;
  return { data: decoded.pixels, width, height, channels, bitDepth };
}

await initBackend({ preferred: 'wasm' });
const super1 = manifest.experiments[experiment]!;
const model = buildSeededModel({ architecture: 'unet', encoder: 'resnet18', classes: 3, encoderDepth, ...(encoderDepth === 5 ? {} : { decoderChannels: [256, 128, 64, 32, 16].slice(5 - encoderDepth) }) }, 7);
if (steps > 0) {
  const trainer = createTrainer({ model, learningRate: 2e-4 });
  const rng = createRng(7);
  const items = await Promise.all(super1.train.map(async (name) => {
    const [image, mask] = await Promise.all([load('super', name), load('super', name, 'masks')]);
    return { image: toUnitRange(image), mask: { data: mask.data as Uint8Array, width: mask.width, height: mask.height, channels: 1 } };
  }));
  for (let step = 0; step < steps; step++) {
    const sample = augmentSample(items[step % items.length]!, { ...PAPER_AUGMENTATION, crop: 256 }, rng);
    const { image, targets } = sampleToTensors(sample, 3);
    const { loss } = await trainer.trainStep(image, targets);
    tf.dispose([image, targets]);
    if (step % 10 === 0) console.log(`step ${step} loss ${loss.toFixed(3)}`);
  }
  trainer.dispose();
}
const encoder = encoderFeatureModel(model);
// ONNX Runtime, as the inference service scores images; tfjs where the exporter refuses the encoder.
const onnx = await startLayersOnnxRunner(encoder);
const runner = onnx?.runner ?? layersRunner(encoder);
const dump = process.env['OOD_DUMP'];
let dumped = 0;
const features = async (image: ImageInput) => {
  const f = (await encoderFeatures(image, runner, { window: 512 }))!;
  // Raw vectors for trying other scores offline (float32 [count, dims] per image, in scoring order).
  if (dump) await writeFile(join(dump, `${String(dumped++).padStart(2, '0')}-${f.dims}.f32`), f.vectors);
  return f;
};

const started = performance.now();
const reference = fitFeatureReference(await Promise.all(super1.train.map(async (n) => features(await load('super', n)))));
const scoreAll = async (material: string, names: string[]) => {
  const scores: number[] = [];
  for (const name of names) scores.push(featureDistance(reference, await features(await load(material, name))));
  return scores;
};
const val = await scoreAll('super', super1.val);
const threshold = calibrateThreshold(val);
const test = await scoreAll('super', super1.test!);
const ebcNames = Object.entries(manifest.images).filter(([, i]) => i.material === 'ebc').map(([name]) => name);
const ebc = await scoreAll('ebc', ebcNames);
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
console.log(`${experiment}, depth ${encoderDepth}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${steps} training steps; scoring ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`reference: ${reference.images} images, ${reference.samples} vectors of ${reference.dims}`);
console.log(`super1 val  : ${fmt(val)}  -> threshold ${threshold.toFixed(2)}`);
console.log(`super1 test : ${fmt(test)}  (flagged ${test.filter((s) => s > threshold).length}/${test.length})`);
console.log(`ebc (all ${ebc.length}): ${fmt(ebc)}  (flagged ${ebc.filter((s) => s > threshold).length}/${ebc.length})`);
await onnx?.runner.release();
console.log(`min ebc / threshold ${(Math.min(...ebc) / threshold).toFixed(2)}; max super test / threshold ${(Math.max(...test) / threshold).toFixed(2)}`);
