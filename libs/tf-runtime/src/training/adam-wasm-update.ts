import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView } from '../wasm-gradients/wasm-heap.ts';

/** Adam's constants for one step, as float32 scalars the way tfjs turns them into tensors. */
export interface AdamStepConstants {
  beta1: number;
  beta2: number;
  /** learningRate·√(1−β2ᵗ)/(1−β1ᵗ) */
  stepSize: number;
  /** epsilon·√(1−β2ᵗ) */
  epsilonHat: number;
}

export interface AdamUpdated {
  m: tf.Tensor;
  v: tf.Tensor;
  variable: tf.Tensor;
}

/**
 * One Adam update of one variable in a single pass over the wasm heap. The op-by-op form (Adam.applyGradients
 * on other backends) runs about fifteen element-wise kernels, each a full pass over memory on one thread,
 * about a tenth of a UNet-ResNet18 train step. Every intermediate is rounded to float32 in the same order as
 * those kernels (Math.fround; the product, sum, quotient and square root of float32 values computed in
 * float64 and rounded once are the correctly rounded float32 results), so the updates are bit-identical.
 */
export function adamUpdateOnWasm(gradient: tf.Tensor, m: tf.Tensor, v: tf.Tensor, variable: tf.Tensor, constants: AdamStepConstants): AdamUpdated {
  const backend = tf.backend() as BackendWasm;
  const shape = variable.shape;
  // Allocate first: a heap allocation may grow (and detach) the heap under earlier views.
  const outputs = [backend.makeOutput(shape, 'float32'), backend.makeOutput(shape, 'float32'), backend.makeOutput(shape, 'float32')];
  const [mOut, vOut, wOut] = outputs.map((info) => heapView(backend, info)) as [Float32Array, Float32Array, Float32Array];
  const g = heapView(backend, gradient);
  const mIn = heapView(backend, m);
  const vIn = heapView(backend, v);
  const w = heapView(backend, variable);
  const f = Math.fround;
  const beta1 = f(constants.beta1);
  const oneMinusBeta1 = f(1 - constants.beta1);
  const beta2 = f(constants.beta2);
  const oneMinusBeta2 = f(1 - constants.beta2);
  const stepSize = f(constants.stepSize);
  const epsilonHat = f(constants.epsilonHat);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = f(f(mIn[i]! * beta1) + f(gi * oneMinusBeta1));
    const vi = f(f(vIn[i]! * beta2) + f(f(gi * gi) * oneMinusBeta2));
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = w[i]! - f(f(mi / f(f(Math.sqrt(vi)) + epsilonHat)) * stepSize);
  }
  const [mNext, vNext, wNext] = outputs.map((info) => tf.engine().makeTensorFromTensorInfo(info)) as [tf.Tensor, tf.Tensor, tf.Tensor];
  return { m: mNext, v: vNext, variable: wNext };
}
