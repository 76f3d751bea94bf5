import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { TorchMaxPool2D } from './torch-max-pool.ts';

/** PyTorch's max pool by definition: windows over the implicitly -inf-padded input, ceil_mode's last-window rule. */
function reference(values: Float32Array, size: number, kernel: number, stride: number, padding: number, ceilMode: boolean) {
  const span = size + 2 * padding - kernel;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= size + padding) out -= 1;
  const result: number[] = [];
  for (let oy = 0; oy < out; oy += 1) {
    for (let ox = 0; ox < out; ox += 1) {
      let max = Number.NEGATIVE_INFINITY;
      for (let ky = 0; ky < kernel; ky += 1) {
        for (let kx = 0; kx < kernel; kx += 1) {
          const y = oy * stride + ky - padding;
          const x = ox * stride + kx - padding;
          if (y >= 0 && y < size && x >= 0 && x < size) max = Math.max(max, values[y * size + x]!);
        }
      }
      result.push(max);
    }
  }
  return { out, result };
}

describe('TorchMaxPool2D', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it.each([
    [31, 3, 2, 0, true], [32, 3, 2, 0, true], [33, 3, 2, 0, true], [16, 3, 2, 1, false], [15, 3, 2, 1, true], [9, 3, 1, 1, false],
  ] as const)('matches nn.MaxPool2d on negative input of side %i (k%i s%i p%i ceil %s)', (size, kernel, stride, padding, ceilMode) => {
    const values = Float32Array.from({ length: size * size }, (_, i) => -1 - Math.sin(i * 12.9898) ** 2);
    const input = tfl.input({ shape: [null, null, 1] });
    const layer = new TorchMaxPool2D({ kernel, stride, padding, ceilMode });
    const model = tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
    const { out, result } = reference(values, size, kernel, stride, padding, ceilMode);
    const actual = model.predict(tf.tensor4d(values, [1, size, size, 1])) as tf.Tensor;
    expect(actual.shape).toEqual([1, out, out, 1]);
    expect(Array.from(actual.dataSync())).toEqual(result.map((v) => Math.fround(v)));
    expect(layer.computeOutputShape([1, size, size, 1])).toEqual([1, out, out, 1]);
  });
});
