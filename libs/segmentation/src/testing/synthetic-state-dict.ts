import type * as tfl from '@tensorflow/tfjs-layers';
import type { StateDict } from '@microseg/torch-checkpoint';
import { bindingsOf } from '../weights/layer-keys.ts';

/**
 * Deterministic weights keyed by PyTorch names: the formula of
 * test/oracles/segmentation/synthetic_weights.py, so parity fixtures need no weight files.
 * A layer named differently from PyTorch gets different values and the outputs disagree.
 */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function uniform(name: string, count: number): Float64Array {
  const seed = fnv1a(name);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    let x = (seed + Math.imul(i, 0x9e3779b9)) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    x = Math.imul(x, 0x7feb352d) >>> 0;
    x = (x ^ (x >>> 15)) >>> 0;
    x = Math.imul(x, 0x846ca68b) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    out[i] = x / 4294967296;
  }
  return out;
}

export function syntheticTensor(name: string, shape: number[]): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const u = uniform(name, count);
  const out = new Float32Array(count);
  if (shape.length >= 2) {
    const a = Math.sqrt(6 / shape.slice(1).reduce((x, y) => x * y, 1));
    for (let i = 0; i < count; i += 1) out[i] = (2 * u[i]! - 1) * a;
  } else if (name.endsWith('running_var')) {
    for (let i = 0; i < count; i += 1) out[i] = 0.5 + u[i]!;
  } else if (name.endsWith('running_mean') || name.endsWith('bias')) {
    for (let i = 0; i < count; i += 1) out[i] = (2 * u[i]! - 1) * 0.2;
  } else {
    for (let i = 0; i < count; i += 1) out[i] = 0.6 + 0.2 * u[i]!;
  }
  return out;
}

/** NCHW input in [-2, 2], as `synthetic_input` writes it. */
export function syntheticInput(shape: number[]): Float32Array {
  const u = uniform('input', shape.reduce((a, b) => a * b, 1));
  return Float32Array.from(u, (v) => (2 * v - 1) * 2);
}

/** A state_dict holding every tensor the model expects, under PyTorch's names and shapes. */
export function syntheticStateDict(model: tfl.LayersModel): StateDict {
  const dict: StateDict = new Map();
  for (const layer of model.layers) {
    for (const b of bindingsOf(layer)) {
      dict.set(b.torchKey, { dtype: 'float32', shape: b.torchShape, data: syntheticTensor(b.torchKey, b.torchShape) });
    }
  }
  return dict;
}
