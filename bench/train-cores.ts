/**
 * `pnpm bench:train-cores`: issue 14's "train step 256x256 on both cores vs PyTorch on both cores" (goal <= 2.5x).
 *
 * MicroSeg's train step (UNet) on both of its CPU engines, ONNX Runtime (@microseg/onnx-training, N intra-op
 * threads, the training worker's default) and tfjs wasm (`initBackend({ wasmThreads: N })`), against Debian's
 * PyTorch with torch.set_num_threads(N), one after the other in this run, each in a process of its own (the wasm
 * thread pool is fixed per process). Prints min and median wall and CPU time
 * (all threads) over the repeats, the ratios, and the load average before and after: on a shared machine
 * wall times stretch with other load, CPU times much less, except PyTorch's: its OpenMP threads spin while they
 * wait for a core, so under load its median wall and CPU balloon (a 2-thread step measured 205 ms min, 933 ms
 * median at load 6) and the median ratios flatter MicroSeg. Then read the min ratio, and the load average.
 *
 * Options: --encoder resnet18  --threads 1,2 (default: 1 and the cores)  --repeats 5  --engines onnx,wasm
 */
import { execFile } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { buildModel } from '@microseg/segmentation';
import { createOnnxTrainer } from '@microseg/onnx-training';
import { createTrainer, initBackend } from '@microseg/tf-runtime';

const { values: args } = parseArgs({
  options: {
    encoder: { type: 'string', default: 'resnet18' },
    threads: { type: 'string', default: [...new Set([1, Math.min(availableParallelism(), 8)])].join(',') },
    repeats: { type: 'string', default: '5' },
    engines: { type: 'string', default: 'onnx,wasm' },
    child: { type: 'string' },
    engine: { type: 'string', default: 'onnx' },
  },
});
const repeats = Number(args.repeats);
const GOAL = 2.5;

interface Run {
  wall: number;
  cpu: number;
}

/** In the child: `repeats` train steps after one warm-up, each timed. */
async function measureHere(threads: number, engine: string): Promise<Run[]> {
  await initBackend({ preferred: 'wasm', wasmThreads: threads });
  const model = buildModel({ architecture: 'unet', encoder: args.encoder, classes: 1 });
  const trainer = engine === 'onnx' ? createOnnxTrainer({ model, threads }) : createTrainer({ model });
  const x = tf.randomUniform<tf.Rank.R4>([1, 256, 256, 3], 0, 1, 'float32', 1);
  const y = tf.step<tf.Tensor4D>(tf.randomUniform([1, 256, 256, 1], -1, 1, 'float32', 2));
  await trainer.trainStep(x, y);
  const runs: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await trainer.trainStep(x, y);
    const used = process.cpuUsage(cpu);
    runs.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 });
  }
  return runs;
}

if (args.child !== undefined) {
  process.stdout.write(JSON.stringify(await measureHere(Number(args.child), args.engine)));
  process.exit(0);
}

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const oracle = fileURLToPath(new URL('../test/oracles/tf-runtime/train_bench.py', import.meta.url));

async function microseg(threads: number, engine: string): Promise<Run[]> {
  const childArgs = ['--import', 'tsx', self, '--child', String(threads), '--engine', engine, '--encoder', args.encoder, '--repeats', String(repeats)];
  const { stdout } = await run(process.execPath, childArgs, {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as Run[];
}

async function torch(threads: number): Promise<Run[]> {
  const { stdout } = await run('/usr/bin/python3', [oracle, '--encoder', args.encoder, '--threads', String(threads), '--repeats', String(repeats)]);
  return (JSON.parse(stdout) as { runs: Run[] }).runs;
}

const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`unet-${args.encoder} train step 256x256, ${repeats} repeats after a warm-up; ${availableParallelism()} cores; load average ${load()}`);
const rows: string[][] = [['threads', 'engine', 'wall min', 'wall median', 'cpu min', 'cpu median', 'ratio wall (median)', 'ratio cpu (median)', 'ratio wall (min)', 'goal']];
const ENGINE_LABELS: Record<string, string> = { onnx: 'MicroSeg ONNX Runtime', wasm: 'MicroSeg tfjs wasm' };
for (const threads of args.threads.split(',').map(Number)) {
  const theirs = await torch(threads);
  const stats = (runs: Run[]) => ({ wall: runs.map((r) => r.wall), cpu: runs.map((r) => r.cpu) });
  const b = stats(theirs);
  rows.push([String(threads), 'PyTorch', ms(min(b.wall)), ms(median(b.wall)), ms(min(b.cpu)), ms(median(b.cpu)), '', '', '', '']);
  for (const engine of args.engines.split(',')) {
    const a = stats(await microseg(threads, engine));
    const wallRatio = median(a.wall) / median(b.wall);
    const minRatio = min(a.wall) / min(b.wall);
    rows.push([
      String(threads),
      ENGINE_LABELS[engine] ?? engine,
      ms(min(a.wall)),
      ms(median(a.wall)),
      ms(min(a.cpu)),
      ms(median(a.cpu)),
      `${wallRatio.toFixed(2)}x`,
      `${(median(a.cpu) / median(b.cpu)).toFixed(2)}x`,
      `${minRatio.toFixed(2)}x`,
      threads > 1 ? `<= ${GOAL}x wall (min) ${minRatio <= GOAL ? 'met' : 'missed'}` : '',
    ]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
console.log(`load average after: ${load()}`);
