/** Adam's constants for one step, as float32 scalars the way tfjs turns them into tensors. */
export interface AdamStepConstants {
  beta1: number;
  beta2: number;
  /** learningRate·√(1−β2ᵗ)/(1−β1ᵗ) */
  stepSize: number;
  /** epsilon·√(1−β2ᵗ) */
  epsilonHat: number;
}

/** One variable's update, as float offsets into the wasm heap: inputs g, m, v, w and outputs m', v', w'. */
export interface AdamJob {
  g: number;
  m: number;
  v: number;
  w: number;
  mOut: number;
  vOut: number;
  wOut: number;
  length: number;
}

/**
 * Elements [from, to) of one Adam update, in one pass. Every intermediate is rounded to float32 in the same
 * order as tfjs's element-wise kernels (Math.fround; the product, sum, quotient and square root of float32
 * values computed in float64 and rounded once are the correctly rounded float32 results), so the update is
 * bit-identical to the op-by-op form, whichever thread computes which range.
 */
export function adamRange(heap: Float32Array, job: AdamJob, constants: AdamStepConstants, from: number, to: number): void {
  const f = Math.fround;
  const beta1 = f(constants.beta1);
  const oneMinusBeta1 = f(1 - constants.beta1);
  const beta2 = f(constants.beta2);
  const oneMinusBeta2 = f(1 - constants.beta2);
  const stepSize = f(constants.stepSize);
  const epsilonHat = f(constants.epsilonHat);
  const { g, m, v, w, mOut, vOut, wOut } = job;
  for (let i = from; i < to; i++) {
    const gi = heap[g + i]!;
    const mi = f(f(heap[m + i]! * beta1) + f(gi * oneMinusBeta1));
    const vi = f(f(heap[v + i]! * beta2) + f(f(gi * gi) * oneMinusBeta2));
    heap[mOut + i] = mi;
    heap[vOut + i] = vi;
    heap[wOut + i] = heap[w + i]! - f(f(mi / f(f(Math.sqrt(vi)) + epsilonHat)) * stepSize);
  }
}
