/**
 * A short training run in a process of its own, for tests that compare thread counts (the wasm backend's
 * thread pool is fixed per process). Prints one JSON object: the loss of every step of an uninterrupted run,
 * and of the same run stopped after `cut` steps, its weights and Adam state taken through the checkpoint
 * encoding (tf.io weights), and continued in a freshly built model and trainer.
 *
 * Usage: node --import tsx train-curve.ts THREADS STEPS CUT
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend/select-backend.ts';
import { createTrainer } from '../training/trainer.ts';
import { buildTinyUNet } from './tiny-unet.ts';

const [threads, steps, cut] = process.argv.slice(2).map(Number) as [number, number, number];
const choice = await initBackend({ preferred: 'wasm', wasmThreads: threads });

/** A few distinct 64x64 samples (a disc at different places on a textured background), cycled through. */
function sample(index: number): { image: tf.Tensor4D; targets: tf.Tensor4D } {
  const size = 64;
  const image = new Float32Array(size * size * 3);
  const mask = new Float32Array(size * size);
  const cx = 20 + ((index * 11) % 24);
  const cy = 40 - ((index * 7) % 20);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < 14 ** 2;
      mask[y * size + x] = inside ? 1 : 0;
      image.fill((inside ? 0.6 : -0.6) + 0.4 * Math.sin(x * 0.9 + y * 0.4 + index), (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
  }
  return { image: tf.tensor4d(image, [1, size, size, 3]), targets: tf.tensor4d(mask, [1, size, size, 1]) };
}

async function train(trainer: ReturnType<typeof createTrainer>, from: number, to: number): Promise<number[]> {
  const losses: number[] = [];
  for (let step = from; step < to; step++) {
    const { image, targets } = sample(step % 5);
    losses.push((await trainer.trainStep(image, targets)).loss);
    tf.dispose([image, targets]);
  }
  return losses;
}

const build = () => buildTinyUNet({ classes: 1, seed: 11, channels: 16 });

const whole = build();
const uninterrupted = await train(createTrainer({ model: whole, learningRate: 3e-3 }), 0, steps);

const first = build();
const firstTrainer = createTrainer({ model: first, learningRate: 3e-3 });
const beforeCut = await train(firstTrainer, 0, cut);
// What the checkpoint store writes: every weight (batch-norm statistics included) and Adam's moments and step.
const weights = await tf.io.encodeWeights(first.weights.map((w) => ({ name: w.originalName, tensor: w.read() })));
const optimizer = firstTrainer.exportOptimizerState();
const moments = await tf.io.encodeWeights(optimizer.weights);

const second = build();
const restored = tf.io.decodeWeights(weights.data, weights.specs);
second.setWeights(second.weights.map((w) => restored[w.originalName]!));
const secondTrainer = createTrainer({ model: second, learningRate: 1 });
const decoded = tf.io.decodeWeights(moments.data, moments.specs);
secondTrainer.importOptimizerState({ config: optimizer.config, weights: Object.entries(decoded).map(([name, tensor]) => ({ name, tensor })) });
const afterCut = await train(secondTrainer, cut, steps);

process.stdout.write(JSON.stringify({ threads: choice.threads, uninterrupted, resumed: [...beforeCut, ...afterCut] }));
