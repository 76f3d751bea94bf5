import { invalidInput } from '@microseg/errors';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export interface TensorData {
  shape: number[];
  data: Float32Array;
}

/** Spatial size of the default test input: small enough to run on every load, divisible by 32 for every decoder. */
const DEFAULT_TEST_SIZE = 64;

/** A deterministic input in the range of normalised images (about -2..2), so the check needs no image file. */
export function defaultTestInput(model: LayersModel): TensorData {
  const [, height, width, channels] = model.inputs[0]?.shape ?? [];
  const shape = [1, height ?? DEFAULT_TEST_SIZE, width ?? DEFAULT_TEST_SIZE, channels ?? 3];
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = 0x2545f491;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = ((state >>> 0) / 2 ** 32) * 4 - 2;
  }
  return { shape, data };
}

export function encodeFloat32(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  data.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

export function decodeFloat32(bytes: Uint8Array, shape: number[], what: string): Float32Array {
  const length = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== length * 4)
    throw invalidInput(`${what} does not hold ${shape.join('x')} float32 values`, {
      bytes: bytes.length,
      shape,
    });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length }, (_, i) => view.getFloat32(i * 4, true));
}

/** Largest absolute difference; a NaN on one side only counts as infinitely different. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Number.POSITIVE_INFINITY;
      continue;
    }
    max = Math.max(max, Math.abs(x - y));
  }
  return max;
}
