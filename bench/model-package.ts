/**
 * bioimage.io package export and import of a UNet-ResNet18 (3 classes), as the training service
 * runs them for a download or an import: wall and CPU time (this process), min/median over repeats.
 *
 *   pnpm bench:model-package [--repeats 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { saveArtifact } from '@microseg/model-artifact';
import { exportPackage, importPackage } from '@microseg/model-package';
import { buildModel } from '@microseg/segmentation';
import { IMAGENET_NORMALISATION, initBackend } from '@microseg/tf-runtime';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
const repeats = Number(values.repeats);
await initBackend({ preferred: 'wasm' });
const dir = mkdtempSync(join(tmpdir(), 'bench-model-package-'));
const artifact = join(dir, 'artifact');
await saveArtifact(buildModel({ architecture: 'unet', encoder: 'resnet18', classes: 3 }), {
  name: 'bench-unet-resnet18',
  architecture: 'unet',
  encoder: 'resnet18',
  classes: [
    { index: 0, name: 'matrix', color: '#000000' },
    { index: 1, name: 'secondary', color: '#0000ff' },
    { index: 2, name: 'tertiary', color: '#ff0000' },
  ],
  input: { channels: 3, grayscale: 'replicate', bitDepths: [8, 16], normalisation: { mean: [...IMAGENET_NORMALISATION.mean], std: [...IMAGENET_NORMALISATION.std] } },
  tile: { size: 512, stride: 256 },
  trainingPixelSize: null,
  sourceWeights: [],
  metrics: {},
  licence: 'MIT',
  codeVersion: 'bench',
}, artifact);

type Sample = { wall: number; cpu: number };
async function time(run: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`;
};

const exports: Sample[] = [];
const imports: Sample[] = [];
let bytes = 0;
for (let i = 0; i < repeats; i++) {
  let zip: Uint8Array = new Uint8Array();
  exports.push(await time(async () => ({ zip } = await exportPackage(artifact))));
  bytes = zip.byteLength;
  imports.push(await time(() => importPackage(zip, join(dir, `imported-${i}`))));
}
console.log(`package: ${(bytes / 2 ** 20).toFixed(1)} MiB (UNet-ResNet18, 256x256 test tensors), ${repeats} repeats`);
console.log(`export: wall ${stats(exports.map((s) => s.wall))}; cpu ${stats(exports.map((s) => s.cpu))}`);
console.log(`import (verify + reproduce + save): wall ${stats(imports.map((s) => s.wall))}; cpu ${stats(imports.map((s) => s.cpu))}`);
rmSync(dir, { recursive: true, force: true });
