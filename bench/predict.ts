/**
 * `pnpm bench:predict` (issue 14): `microseg predict` of a 1024x1024 micrograph as a whole process, against what
 * a user would run instead, PyTorch's tiled inference with the paper's tiling (test/oracles/tf-runtime/
 * predict_process.py: 512 px tiles at stride 256, one at a time, Debian's /usr/bin/python3 with torch).
 *
 * The same UNet-ResNet18 on both sides (binary, sigmoid head; random weights: the cost does not depend on
 * them), each process loading its weights from a file, reading the PNG and writing the mask. Both use every
 * core (--threads N / torch.set_num_threads(N)). The runs interleave (onnx, tfjs, torch, onnx, ...) so that
 * all see the same background load; each is timed by /usr/bin/time: wall, CPU (user + system, all threads)
 * and peak resident memory (max RSS). Min and median over --repeats.
 *
 * Goals: the onnx engine's median time <= 0.8x PyTorch's (CPU time and wall), peak memory <= PyTorch's.
 * Options: --repeats 5  --threads N (default: cores)  --engines onnx,tfjs  --image FILE (default: an EBC image)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { saveArtifact } from '@microseg/model-artifact';
import { buildModel } from '@microseg/segmentation';
import { initBackend } from '@microseg/tf-runtime';

const ROOT = resolve(import.meta.dirname, '..');
const BENCHMARK = process.env['MICRONET_BENCHMARK_DIR'] ?? resolve(ROOT, '..', 'shared', 'data', 'micronet-benchmark');
const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: '5' },
    threads: { type: 'string', default: String(availableParallelism()) },
    engines: { type: 'string', default: 'onnx,tfjs' },
    image: { type: 'string', default: join(BENCHMARK, 'images', 'ebc', '010417_4_S2480009.png') },
  },
});
const repeats = Number(args.repeats);
const threads = Number(args.threads);
const engines = args.engines.split(',').filter(Boolean);
const GOAL_TIME = 0.8;
const CLI = join(ROOT, 'libs', 'cli', 'src', 'bin', 'microseg.js');
const TORCH = join(ROOT, 'test', 'oracles', 'tf-runtime', 'predict_process.py');

interface Run {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
}

/** Runs a command under GNU time: elapsed, user, system seconds and max RSS in KiB on its last stderr line. */
function timed(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', command, ...commandArgs], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const line = run.stderr.trim().split('\n').reverse().find((l) => l.startsWith('TIME '));
  if (run.status !== 0 || !line) throw new Error(`${command} ${commandArgs.join(' ')} failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  const [, elapsed, user, system, rssKiB] = line.split(' ').map(Number) as [number, number, number, number, number];
  return { wallMs: elapsed * 1000, cpuMs: (user + system) * 1000, maxRssMiB: rssKiB / 1024 };
}

const work = await mkdtemp(join(tmpdir(), 'bench-predict-'));
try {
  await initBackend({ preferred: 'wasm' });
  const modelDir = join(work, 'unet-resnet18');
  const model = buildModel({ architecture: 'unet', encoder: 'resnet18', classes: 1 });
  await saveArtifact(
    model,
    {
      name: 'bench-unet-resnet18', architecture: 'unet', encoder: 'resnet18',
      classes: [{ index: 0, name: 'background', color: '#000000' }, { index: 1, name: 'foreground', color: '#ffffff' }],
      input: { channels: 3, grayscale: 'replicate', bitDepths: [8, 16], normalisation: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
      tile: { size: 512, stride: 256 }, trainingPixelSize: null, sourceWeights: [], metrics: {}, licence: 'MIT', codeVersion: 'bench',
    },
    modelDir,
  );
  model.dispose();
  const weights = join(work, 'unet-resnet18.pt');
  execFileSync('/usr/bin/python3', [TORCH, '--weights', weights, '--save-weights']);

  const sides: Record<string, () => Run> = {};
  for (const engine of engines) {
    const parallelism = engine === 'onnx' ? ['--threads', String(threads)] : ['--workers', String(threads)];
    sides[`microseg predict --engine ${engine}`] = () =>
      timed(process.execPath, [CLI, 'predict', args.image, '--model', modelDir, '--out', join(work, engine), '--engine', engine, ...parallelism, '--json'], { ...process.env, MICROSEG_TF_BACKEND: 'wasm' });
  }
  const TORCH_SIDE = 'PyTorch tiled (predict_process.py)';
  sides[TORCH_SIDE] = () => timed('/usr/bin/python3', [TORCH, '--weights', weights, '--image', args.image, '--out', join(work, 'torch.png'), '--threads', String(threads)]);

  console.log(`bench:predict: ${args.image} (1024x1024, 16 tiles of 512 at stride 256), UNet-ResNet18, ${threads} threads each, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let i = 0; i < repeats; i++) {
    for (const [name, run] of Object.entries(sides)) runs[name]!.push(run());
    console.log(`repeat ${i + 1}/${repeats} done (load average ${loadavg()[0]!.toFixed(1)})`);
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const stat = (name: string, key: keyof Run) => ({ min: Math.min(...runs[name]!.map((r) => r[key])), median: median(runs[name]!.map((r) => r[key])) });
  const torch = { wall: stat(TORCH_SIDE, 'wallMs'), cpu: stat(TORCH_SIDE, 'cpuMs'), rss: stat(TORCH_SIDE, 'maxRssMiB') };
  const rows = [['process', 'wall min/median', 'cpu min/median', 'max RSS min/median', 'wall ratio', 'cpu ratio', 'RSS ratio']];
  for (const name of Object.keys(sides)) {
    const wall = stat(name, 'wallMs');
    const cpu = stat(name, 'cpuMs');
    const rss = stat(name, 'maxRssMiB');
    const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}x`;
    rows.push([
      name,
      `${(wall.min / 1000).toFixed(2)} / ${(wall.median / 1000).toFixed(2)} s`,
      `${(cpu.min / 1000).toFixed(2)} / ${(cpu.median / 1000).toFixed(2)} s`,
      `${rss.min.toFixed(0)} / ${rss.median.toFixed(0)} MiB`,
      ratio(wall.median, torch.wall.median),
      ratio(cpu.median, torch.cpu.median),
      ratio(rss.median, torch.rss.median),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  const onnx = 'microseg predict --engine onnx';
  if (runs[onnx]) {
    const time = stat(onnx, 'cpuMs').median / torch.cpu.median;
    const wall = stat(onnx, 'wallMs').median / torch.wall.median;
    const memory = stat(onnx, 'maxRssMiB').median / torch.rss.median;
    console.log(`goal (issue 14): onnx time <= ${GOAL_TIME}x PyTorch: cpu ${time.toFixed(2)}x ${time <= GOAL_TIME ? 'met' : 'missed'}, wall ${wall.toFixed(2)}x ${wall <= GOAL_TIME ? 'met' : 'missed'}; peak memory <= PyTorch's: ${memory.toFixed(2)}x ${memory <= 1 ? 'met' : 'missed'}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
