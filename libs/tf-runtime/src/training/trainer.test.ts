import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { buildTinyUNet } from '../testing/tiny-unet.ts';
import { Adam } from './adam.ts';
import { createTrainer } from './trainer.ts';
import { thrownCode } from '../testing/thrown-code.ts';

/** A disc on a noisy background: learnable in a few steps by a tiny network. */
function discSample(size: number) {
  const image = new Float32Array(size * size * 3);
  const mask = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 4) ** 2;
      mask[y * size + x] = inside ? 1 : 0;
      const value = (inside ? 0.8 : -0.8) + 0.3 * Math.sin(x * 1.7 + y * 0.3);
      image.fill(value, (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
  }
  return { image: tf.tensor4d(image, [1, size, size, 3]), targets: tf.tensor4d(mask, [1, size, size, 1]) };
}

async function lossesAfter(steps: number, backend: 'wasm' | 'cpu') {
  await tf.setBackend(backend);
  const model = buildTinyUNet({ classes: 1, seed: 3 });
  const trainer = createTrainer({ model, learningRate: 1e-2 });
  const { image, targets } = discSample(16);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) losses.push((await trainer.trainStep(image, targets)).loss);
  trainer.dispose();
  model.dispose();
  tf.dispose([image, targets]);
  return losses;
}

describe('createTrainer', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  it('trains on wasm and the loss falls', async () => {
    const losses = await lossesAfter(25, 'wasm');
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.6);
  });

  it('trains identically on wasm and on the cpu backend (the wasm gradient kernels are exact)', async () => {
    const wasm = await lossesAfter(4, 'wasm');
    const cpu = await lossesAfter(4, 'cpu');
    await tf.setBackend('wasm');
    wasm.forEach((loss, i) => expect(loss).toBeCloseTo(cpu[i]!, 4));
  });

  it('is deterministic: the same seed gives the same losses', async () => {
    expect(await lossesAfter(3, 'wasm')).toEqual(await lossesAfter(3, 'wasm'));
  });

  it('keeps frozen encoder layers fixed and trains the rest', async () => {
    const model = buildTinyUNet({ classes: 1, seed: 5 });
    const trainer = createTrainer({ model, freezeEncoder: (name) => name.startsWith('encoder.') });
    const { image, targets } = discSample(16);
    const encoderBefore = model.getLayer('encoder.conv1').getWeights()[0]!.dataSync().slice();
    const decoderBefore = model.getLayer('decoder_conv').getWeights()[0]!.dataSync().slice();
    await trainer.trainStep(image, targets);
    expect(model.getLayer('encoder.conv1').getWeights()[0]!.dataSync()).toEqual(encoderBefore);
    expect(model.getLayer('decoder_conv').getWeights()[0]!.dataSync()).not.toEqual(decoderBefore);
    expect(trainer.trainedVariableNames.some((n) => n.startsWith('encoder.'))).toBe(false);
    trainer.setFrozen(undefined);
    expect(trainer.trainedVariableNames.some((n) => n.startsWith('encoder.'))).toBe(true);
    trainer.dispose();
  });

  it('changes the learning rate for the 2e-4 -> 1e-5 schedule and refuses nonsense', () => {
    const trainer = createTrainer({ model: buildTinyUNet({ classes: 2 }) });
    expect(trainer.learningRate).toBe(2e-4);
    trainer.learningRate = 1e-5;
    expect(trainer.learningRate).toBe(1e-5);
    expect(thrownCode(() => (trainer.learningRate = -1))).toBe('INVALID_INPUT');
  });

  it('resumes from exported optimizer state exactly as if never interrupted', async () => {
    const { image, targets } = discSample(16);
    const original = buildTinyUNet({ classes: 1, seed: 9 });
    const resumed = buildTinyUNet({ classes: 1, seed: 9 });
    const a = createTrainer({ model: original, learningRate: 5e-3 });
    await a.trainStep(image, targets);
    await a.trainStep(image, targets);
    resumed.setWeights(original.getWeights());
    const b = createTrainer({ model: resumed, learningRate: 1 });
    b.importOptimizerState(a.exportOptimizerState());
    expect(b.learningRate).toBe(5e-3);
    const next = [(await a.trainStep(image, targets)).loss, (await a.trainStep(image, targets)).loss];
    const after = [(await b.trainStep(image, targets)).loss, (await b.trainStep(image, targets)).loss];
    expect(after).toEqual(next);
  });
});

describe('Adam', () => {
  it('matches tfjs AdamOptimizer with the same epsilon (and so torch.optim.Adam)', () => {
    const ours = tf.variable(tf.tensor1d([1, -2, 3]), true, 'ours');
    const theirs = tf.variable(tf.tensor1d([1, -2, 3]), true, 'theirs');
    const adam = new Adam({ learningRate: 0.1 });
    const reference = tf.train.adam(0.1, 0.9, 0.999, 1e-8);
    for (let i = 0; i < 5; i++) {
      const gradient = tf.tensor1d([0.5 * i, -1, 2 - i]);
      adam.applyGradients(new Map([['ours', ours]]), { ours: gradient });
      reference.applyGradients([{ name: 'theirs', tensor: gradient }]);
    }
    const a = ours.dataSync();
    const b = theirs.dataSync();
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 4));
  });
});
