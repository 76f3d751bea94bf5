import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmGradientKernels } from './register-wasm-gradients.ts';

// Captured before registerWasmGradientKernels replaces it.
const originalBatchNormGradient = tf.getGradient('FusedBatchNorm');

type Conv = { input: number[]; filter: number[]; stride: number; pad: 'same' | 'valid' | number };

/** Gradients of sum(conv(x, w) * r) w.r.t. x and w, with r fixed, on the named backend. */
async function convGradients(backend: string, op: 'conv' | 'depthwise', spec: Conv, seed: number) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal<tf.Rank.R4>(spec.input as [number, number, number, number], 0, 1, 'float32', seed);
    const w = tf.randomNormal<tf.Rank.R4>(spec.filter as [number, number, number, number], 0, 1, 'float32', seed + 1);
    const forward = (xv: tf.Tensor4D, wv: tf.Tensor4D) =>
      op === 'conv' ? tf.conv2d(xv, wv, spec.stride, spec.pad) : tf.depthwiseConv2d(xv, wv, spec.stride, spec.pad);
    const r = tf.randomNormal(forward(x, w).shape, 0, 1, 'float32', seed + 2);
    const [dx, dw] = tf.grads((xv: tf.Tensor, wv: tf.Tensor) => tf.sum(tf.mul(forward(xv as tf.Tensor4D, wv as tf.Tensor4D), r)))([x, w]);
    return [dx!.dataSync().slice() as Float32Array, dw!.dataSync().slice() as Float32Array];
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function maxAbs(a: Float32Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    registerWasmGradientKernels();
    await tf.setBackend('wasm');
  });

  const convCases: Array<[string, Conv]> = [
    ['3x3 stride 1 same', { input: [2, 9, 11, 5], filter: [3, 3, 5, 7], stride: 1, pad: 'same' }],
    ['3x3 stride 2 same (odd size)', { input: [1, 13, 10, 4], filter: [3, 3, 4, 6], stride: 2, pad: 'same' }],
    ['7x7 stride 2 explicit pad 3', { input: [1, 16, 16, 3], filter: [7, 7, 3, 8], stride: 2, pad: 3 }],
    ['1x1 stride 2 valid', { input: [2, 8, 8, 6], filter: [1, 1, 6, 4], stride: 2, pad: 'valid' }],
    ['3x3 stride 1 valid', { input: [1, 7, 7, 3], filter: [3, 3, 3, 2], stride: 1, pad: 'valid' }],
    // More than 32 output channels: the filter gradient through im2col columns instead of a convolution.
    ['3x3 stride 1 same, 40 output channels', { input: [1, 12, 12, 3], filter: [3, 3, 3, 40], stride: 1, pad: 'same' }],
    ['3x3 stride 2 same, 40 output channels', { input: [2, 11, 12, 3], filter: [3, 3, 3, 40], stride: 2, pad: 'same' }],
    // Fewer output pixels than twice the output channels: the input gradient as filter · dyᵀ.
    ['3x3 stride 1 same, deep and small', { input: [1, 4, 4, 8], filter: [3, 3, 8, 16], stride: 1, pad: 'same' }],
    ['3x3 stride 2 same, deep and small', { input: [1, 5, 6, 3], filter: [3, 3, 3, 20], stride: 2, pad: 'same' }],
    ['3x3 valid, batch 2, deep and small', { input: [2, 3, 4, 4], filter: [3, 3, 4, 24], stride: 1, pad: 'valid' }],
  ];

  it.each(convCases)('Conv2D gradients match the cpu backend: %s', async (_name, spec) => {
    const [dxCpu, dwCpu] = await convGradients('cpu', 'conv', spec, 7);
    const [dxWasm, dwWasm] = await convGradients('wasm', 'conv', spec, 7);
    expect(maxAbsDiff(dxWasm!, dxCpu!) / Math.max(1, maxAbs(dxCpu!))).toBeLessThan(1e-4);
    expect(maxAbsDiff(dwWasm!, dwCpu!) / Math.max(1, maxAbs(dwCpu!))).toBeLessThan(1e-4);
  });

  const depthwiseCases: Array<[string, Conv]> = [
    ['3x3 stride 1 same', { input: [2, 9, 8, 6], filter: [3, 3, 6, 1], stride: 1, pad: 'same' }],
    ['5x5 stride 2 same, multiplier 2', { input: [1, 11, 12, 3], filter: [5, 5, 3, 2], stride: 2, pad: 'same' }],
  ];

  it.each(depthwiseCases)('DepthwiseConv2dNative gradients match the cpu backend: %s', async (_name, spec) => {
    const [dxCpu, dwCpu] = await convGradients('cpu', 'depthwise', spec, 11);
    const [dxWasm, dwWasm] = await convGradients('wasm', 'depthwise', spec, 11);
    expect(maxAbsDiff(dxWasm!, dxCpu!) / Math.max(1, maxAbs(dxCpu!))).toBeLessThan(1e-4);
    expect(maxAbsDiff(dwWasm!, dwCpu!) / Math.max(1, maxAbs(dwCpu!))).toBeLessThan(1e-4);
  });

  /** Gradient of sum(maxPool(x) * r) w.r.t. x: inputs below zero everywhere (a pool reading a convolution). */
  async function maxPoolGradient(backend: string, size: number, stride: number, pad: 'same' | 'valid', seed: number) {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const x = tf.sub<tf.Tensor4D>(tf.randomNormal([2, 9, 10, 3], 0, 1, 'float32', seed), 5);
      const r = tf.randomNormal(tf.maxPool(x, size, stride, pad).shape, 0, 1, 'float32', seed + 1);
      return tf.grad((xv: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(xv as tf.Tensor4D, size, stride, pad), r)))(x).dataSync().slice() as Float32Array;
    });
  }

  it.each([
    [3, 2, 'same'],
    [3, 2, 'valid'],
    [2, 2, 'valid'],
  ] as const)('MaxPoolGrad matches the cpu backend on negative windows: %ix%i stride, %s', async (size, stride, pad) => {
    const cpu = await maxPoolGradient('cpu', size, stride, pad, 3);
    const wasm = await maxPoolGradient('wasm', size, stride, pad, 3);
    // Where overlapping windows share a maximum, the two sums may round in another order.
    expect(maxAbsDiff(wasm, cpu)).toBeLessThan(1e-6);
  });

  it('accumulates the filter gradient over chunks when the im2col buffer would be large', async () => {
    // 48 output lines of 48x4608 columns exceed MAX_COLUMN_FLOATS (2^23), so two chunks (40 output channels
    // keep it on the im2col route). The reference is the definition, dW[kh,kw] = shifted(x)ᵀ · dy, from
    // forward ops (the cpu backend takes minutes here).
    await tf.setBackend('wasm');
    const [size, channels, out] = [48, 512, 40];
    const [viaKernel, reference] = tf.tidy(() => {
      const x = tf.randomNormal<tf.Rank.R4>([1, size, size, channels], 0, 1, 'float32', 5);
      const w = tf.randomNormal<tf.Rank.R4>([3, 3, channels, out], 0, 1, 'float32', 6);
      const dy = tf.randomNormal<tf.Rank.R4>([1, size, size, out], 0, 1, 'float32', 7);
      const dw = tf.grad((wv: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, wv as tf.Tensor4D, 1, 'same'), dy)))(w);
      const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
      const taps: tf.Tensor[] = [];
      for (let kh = 0; kh < 3; kh++) {
        for (let kw = 0; kw < 3; kw++) {
          const shifted = tf.reshape(tf.slice(padded, [0, kh, kw, 0], [1, size, size, channels]), [size * size, channels]);
          taps.push(tf.matMul(shifted, tf.reshape(dy, [size * size, out]), true, false));
        }
      }
      return [dw.dataSync().slice() as Float32Array, tf.concat(taps).dataSync().slice() as Float32Array];
    });
    expect(maxAbsDiff(viaKernel, reference) / Math.max(1, maxAbs(reference))).toBeLessThan(1e-4);
  });

  it('leaves no tensors or heap buffers behind', async () => {
    await tf.setBackend('wasm');
    const spec: Conv = { input: [1, 10, 10, 4], filter: [3, 3, 4, 4], stride: 2, pad: 'same' };
    await convGradients('wasm', 'conv', spec, 1);
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    await convGradients('wasm', 'conv', spec, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
  });
});

describe('lean batch-norm gradient', () => {
  it('gives the gradients of tfjs-core\'s own FusedBatchNorm gradient', async () => {
    await tf.setBackend('wasm');
    const run = () =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', 1);
        const r = tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', 2);
        const gamma = tf.tensor1d([0.5, 2, -1]);
        const beta = tf.tensor1d([0.1, 0, 0.3]);
        const f = (xv: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
          const { mean, variance } = tf.moments(xv, [0, 1, 2]);
          return tf.sum(tf.mul(tf.batchNorm(xv, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3), r));
        };
        return tf.grads(f)([x, gamma, beta]).map((t) => t.dataSync().slice() as Float32Array);
      });
    const lean = run();
    tf.registerGradient(originalBatchNormGradient);
    const original = run();
    registerWasmGradientKernels();
    original.forEach((values, i) => expect(maxAbsDiff(lean[i]!, values)).toBeLessThan(1e-4));
  });
});
