/**
 * `pnpm bench:fidelity`: the paper's recipe in MicroSeg against an equivalent PyTorch script on this
 * machine. UNet-ResNet18 from random init on a benchmark experiment (default Super1: 10 training images),
 * Adam 2e-4 -> 1e-5, 0.7 BCE + 0.3 Dice, one image per step, the paper's augmentations and ImageNet
 * normalisation, capped at FIDELITY_EPOCHS epochs; the best validation epoch is scored on test. Both sides
 * use one CPU thread (wasm here, torch.set_num_threads(1) there) and the same crops, augmentation policy
 * and seed policy (each its own random stream).
 *
 * Environment: FIDELITY_EPOCHS (default 3), FIDELITY_CROP (256), FIDELITY_SEED (42),
 * FIDELITY_EXPERIMENT (Super1), MICRONET_BENCHMARK_DIR (../shared/data/micronet-benchmark).
 * Goals (issue 6): test IoU within 1 point of PyTorch's, epoch time within 2.5x.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { decodeImage } from '@microseg/micrograph';
import { PAPER_AUGMENTATION, augmentSample, createTrainer, initBackend, sampleToTensors, toUnitRange } from '@microseg/tf-runtime';
import { assignWeights, buildSeededModel, evaluateSplit, namedWeights } from '@microseg/training-service';
import { type EpochReport, initialLoopState, resolveRecipe, runTrainingLoop } from '@microseg/training-recipe';

const env = process.env;
const epochs = Number(env['FIDELITY_EPOCHS'] ?? 3);
const crop = Number(env['FIDELITY_CROP'] ?? 256);
const seed = Number(env['FIDELITY_SEED'] ?? 42);
const experimentName = env['FIDELITY_EXPERIMENT'] ?? 'Super1';
const data = env['MICRONET_BENCHMARK_DIR'] ?? fileURLToPath(new URL('../../shared/data/micronet-benchmark', import.meta.url));

interface Manifest {
  materials: Record<string, { classes: Record<string, string> }>;
  experiments: Record<string, { material: string; train: string[]; val: string[]; test: string[] }>;
}

async function loadItem(material: string, name: string) {
  const [image, mask] = await Promise.all(
    ['images', 'masks'].map(async (folder) => decodeImage(await readFile(join(data, folder, material, `${name}.png`)))),
  );
  const { width, height, channels, bitDepth } = image!.info;
  return {
    imageId: name,
    name,
    sample: {
      image: toUnitRange({ data: image!.pixels, width, height, channels, bitDepth }),
      mask: { data: Uint8Array.from(mask!.pixels), width, height, channels: 1 },
    },
  };
}

async function microseg(manifest: Manifest) {
  const experiment = manifest.experiments[experimentName]!;
  const classes = Object.keys(manifest.materials[experiment.material]!.classes).length;
  const load = (names: string[]) => Promise.all(names.map((name) => loadItem(experiment.material, name)));
  const [train, val, test] = await Promise.all([load(experiment.train), load(experiment.val), load(experiment.test)]);
  const recipe = resolveRecipe({ maxEpochs: epochs, crop, seed });
  const model = buildSeededModel({ architecture: 'unet', encoder: 'resnet18', classes }, seed);
  const trainer = createTrainer({ model, learningRate: recipe.learningRate, lossWeights: recipe.loss });
  const augmentation = { ...PAPER_AUGMENTATION, crop };
  const reports: EpochReport[] = [];
  // CPU seconds per epoch (one wasm thread): comparable even when other work shares the cores.
  const cpuSeconds: number[] = [];
  let cpuMark = process.cpuUsage();
  let best: tf.NamedTensorMap | undefined;
  const outcome = await runTrainingLoop({
    recipe,
    items: train,
    state: initialLoopState(recipe),
    hooks: {
      trainStep: async (item, rng, learningRate) => {
        trainer.learningRate = learningRate;
        const { image, targets } = sampleToTensors(augmentSample(item.sample, augmentation, rng), classes);
        try {
          return (await trainer.trainStep(image, targets)).loss;
        } finally {
          tf.dispose([image, targets]);
        }
      },
      validate: async () => (await evaluateSplit(model, val, classes, 'threshold')).iou,
      saveCheckpoint: async (_state, report) => {
        const used = process.cpuUsage(cpuMark);
        cpuSeconds.push((used.user + used.system) / 1e6);
        reports.push(report);
        if (report.improved) {
          if (best) tf.dispose(Object.values(best));
          best = Object.fromEntries([...namedWeights(model)].map(([name, t]) => [name, t.clone()]));
        }
        process.stderr.write(`microseg epoch ${report.epoch}: loss ${report.loss.toFixed(4)} val IoU ${report.valIou.toFixed(4)} ${report.epochSeconds.toFixed(1)} s\n`);
        cpuMark = process.cpuUsage();
      },
    },
  });
  if (best) assignWeights(model, best);
  const testScores = await evaluateSplit(model, test, classes, 'threshold');
  return {
    outcome: outcome.kind,
    bestEpoch: outcome.state.schedule.bestEpoch,
    valIou: (await evaluateSplit(model, val, classes, 'threshold')).iou,
    testIou: testScores.iou,
    epochSeconds: reports.map((r) => r.epochSeconds),
    epochCpuSeconds: cpuSeconds,
  };
}

function pytorch() {
  const script = fileURLToPath(new URL('../test/oracles/training/fidelity_torch.py', import.meta.url));
  const run = spawnSync('/usr/bin/python3', [script, '--data', data, '--experiment', experimentName, '--epochs', String(epochs), '--crop', String(crop), '--seed', String(seed), '--threads', '1'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`PyTorch oracle failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { bestEpoch: number; valIou: number; testIou: number; epochs: { seconds: number; cpuSeconds: number }[]; torch: string };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const backend = await initBackend({ preferred: 'wasm' });
const manifest = JSON.parse(await readFile(join(data, 'manifest.json'), 'utf8')) as Manifest;
console.log(`fidelity: UNet-ResNet18, random init, ${experimentName}, ${epochs} epochs, crop ${crop}, seed ${seed}; MicroSeg on ${backend.backend}, PyTorch 1 thread`);
const ours = await microseg(manifest);
const theirs = pytorch();
const oursEpoch = median(ours.epochSeconds);
const theirEpoch = median(theirs.epochs.map((e) => e.seconds));
const oursCpu = median(ours.epochCpuSeconds);
const theirCpu = median(theirs.epochs.map((e) => e.cpuSeconds));
console.table({
  MicroSeg: { testIou: ours.testIou.toFixed(4), valIou: ours.valIou.toFixed(4), bestEpoch: ours.bestEpoch, epochSeconds: oursEpoch.toFixed(1), epochCpuSeconds: oursCpu.toFixed(1) },
  PyTorch: { testIou: theirs.testIou.toFixed(4), valIou: theirs.valIou.toFixed(4), bestEpoch: theirs.bestEpoch, epochSeconds: theirEpoch.toFixed(1), epochCpuSeconds: theirCpu.toFixed(1) },
});
const points = (ours.testIou - theirs.testIou) * 100;
const ratio = oursEpoch / theirEpoch;
const cpuRatio = oursCpu / theirCpu;
console.log(`test IoU: MicroSeg - PyTorch = ${points.toFixed(2)} points (goal |diff| <= 1): ${Math.abs(points) <= 1 ? 'met' : 'not met'}`);
console.log(`epoch time (wall): MicroSeg / PyTorch = ${ratio.toFixed(2)}x (goal <= 2.5x): ${ratio <= 2.5 ? 'met' : 'not met'}`);
console.log(`epoch time (CPU, one thread each; the fair figure on a shared machine): ${cpuRatio.toFixed(2)}x (goal <= 2.5x): ${cpuRatio <= 2.5 ? 'met' : 'not met'}`);
