import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { Adam } from './adam.ts';

/** Weights after `steps` Adam updates with fixed pseudo-random gradients, on the named backend. */
async function weightsAfter(backend: 'wasm' | 'cpu', steps: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const shapes = [[3, 3, 4, 5], [5], [7, 2]];
  const variables = new Map(shapes.map((shape, i) => [`w${i}`, tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 0.1, 'float32', i + 1)))]));
  const adam = new Adam({ learningRate: 1e-2 });
  for (let step = 0; step < steps; step++) {
    // Gradients spanning several magnitudes, zeros and tiny values included, so rounding differences would
    // show (seed 0 would mean unseeded).
    const gradients = tf.tidy(() => {
      const named: tf.NamedTensorMap = {};
      shapes.forEach((shape, i) => (named[`w${i}`] = tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 100 * step + i + 1), 10 ** (i - 3))));
      named.w1 = tf.mul(named.w1!, tf.tensor1d([0, 1, 1e-20, 1e3, -1]));
      return named;
    });
    adam.applyGradients(variables, gradients);
    tf.dispose(Object.values(gradients));
  }
  const values = [...variables.values()].map((v) => v.dataSync().slice() as Float32Array);
  values.push(...adam.exportState().weights.map((w) => w.tensor.dataSync().slice() as Float32Array));
  adam.dispose();
  tf.dispose([...variables.values()]);
  return values;
}

describe('Adam', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  it('updates in one pass on wasm bit for bit as the op-by-op update does on the cpu backend', async () => {
    const cpu = await weightsAfter('cpu', 4);
    const wasm = await weightsAfter('wasm', 4);
    expect(wasm).toHaveLength(cpu.length);
    wasm.forEach((values, i) => expect(values).toEqual(cpu[i]));
  });

  it('leaves no tensors behind on wasm', async () => {
    await tf.setBackend('wasm');
    await weightsAfter('wasm', 1);
    const before = tf.memory().numTensors;
    await weightsAfter('wasm', 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
