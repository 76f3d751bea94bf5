/**
 * Full parity suite: every encoder x decoder built in PyTorch (SMP-equivalent modules on
 * torchvision, test/oracles/segmentation/parity_oracle.py) with random weights and BatchNorm
 * statistics, saved with torch.save as the paper's training checkpoints are (state_dict plus
 * architecture/encoder), imported here through @microseg/torch-checkpoint and compared.
 *
 *   pnpm bench:parity [--encoders resnet18,vgg11_bn] [--architectures unet,fpn]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { importCheckpoint, listArchitectures, listEncoders, toLogitsModel } from '@microseg/segmentation';
import { readCheckpoint } from '@microseg/torch-checkpoint';

const TOLERANCE = 1e-4;
const ORACLE = new URL('../test/oracles/segmentation/parity_oracle.py', import.meta.url).pathname;

interface OracleCase {
  id: string;
  architecture: string;
  encoder: string;
  size: number;
  inputShape: number[];
  logitsShape: number[];
}

const { values } = parseArgs({ options: { encoders: { type: 'string' }, architectures: { type: 'string' } } });
const encoders = values.encoders?.split(',') ?? listEncoders().map((e) => e.name);
const architectures = values.architectures?.split(',') ?? listArchitectures();
const dilatable = new Map(listEncoders().map((e) => [e.name, e.supportsDilation]));

function floats(path: string): Float32Array {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

await tf.setBackend('wasm');
const results = new Map<string, string>();
let failures = 0;
console.log(`backend ${tf.getBackend()}, tolerance ${TOLERANCE} max abs on logits`);
for (const encoder of encoders) {
  const cases = architectures
    .filter((a) => dilatable.get(encoder) || (a !== 'pan' && a !== 'deeplabv3plus'))
    .map((a) => `${a}:${encoder}:1:${a === 'pan' ? 128 : 64}`);
  const dir = mkdtempSync(join(tmpdir(), 'microseg-parity-'));
  try {
    const oracle = spawnSync('/usr/bin/python3', [ORACLE, 'checkpoint', '--out', dir, ...cases], { encoding: 'utf8' });
    if (oracle.status !== 0) throw new Error(`oracle failed for ${encoder}: ${oracle.stderr}`);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: OracleCase[] };
    for (const c of manifest.cases) {
      const started = performance.now();
      const checkpoint = await readCheckpoint(new Uint8Array(readFileSync(join(dir, `${c.id}.pth.tar`))));
      const { model } = importCheckpoint(checkpoint);
      const input = tf.tensor(floats(join(dir, `${c.id}.input.bin`)), c.inputShape);
      const logits = toLogitsModel(model).predict(input) as tf.Tensor;
      const expected = floats(join(dir, `${c.id}.logits.bin`));
      const actual = (await logits.data()) as Float32Array;
      let diff = actual.length === expected.length ? 0 : Number.POSITIVE_INFINITY;
      for (let i = 0; i < actual.length && Number.isFinite(diff); i += 1) diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
      tf.dispose([input, logits]);
      model.dispose();
      const ok = diff <= TOLERANCE;
      if (!ok) failures += 1;
      results.set(`${c.encoder}/${c.architecture}`, `${ok ? '' : 'FAIL '}${diff.toExponential(1)}`);
      console.log(`${c.id.padEnd(44)} ${ok ? 'ok  ' : 'FAIL'} max|diff| ${diff.toExponential(2)}  ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const nameWidth = Math.max(...encoders.map((e) => e.length)) + 2;
console.log(`\n${'encoder'.padEnd(nameWidth)}${architectures.map((a) => a.padEnd(15)).join('')}`);
for (const encoder of encoders) {
  console.log(`${encoder.padEnd(nameWidth)}${architectures.map((a) => (results.get(`${encoder}/${a}`) ?? 'n/a').padEnd(15)).join('')}`);
}
console.log(`\n${results.size - failures}/${results.size} combinations within ${TOLERANCE}`);
process.exitCode = failures > 0 ? 1 : 0;
