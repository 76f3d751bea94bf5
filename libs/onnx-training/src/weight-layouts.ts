/**
 * How a training graph takes a weight. tfjs holds convolution kernels as [kh, kw, in, out]; ONNX's Conv wants
 * [out, in, kh, kw], and the stride-1 input gradient the kernel flipped in both taps as [in, out, kh, kw]. These
 * copies are made here, in one pass each: ONNX Runtime's general 4-D transpose took four times as long, and its
 * graph optimizers fuse cheaper transpose chains back into it.
 */
export type WeightLayout = 'as-is' | 'oihw' | 'flipped-io';

/** The shape a weight of tfjs shape `shape` has in `layout`. */
export function layoutShape(shape: readonly number[], layout: WeightLayout): number[] {
  if (layout === 'as-is') return [...shape];
  const [kh, kw, ci, co] = shape as [number, number, number, number];
  return layout === 'oihw' ? [co, ci, kh, kw] : [ci, co, kh, kw];
}

/**
 * `values` (tfjs layout, shape `shape`) rearranged into `layout`, written into `out` when given (a buffer reused
 * across steps); as-is values are copied into `out`, or returned unchanged without one.
 */
export function toLayout(values: Float32Array, shape: readonly number[], layout: WeightLayout, out?: Float32Array): Float32Array {
  if (layout === 'as-is') {
    if (!out) return values;
    out.set(values);
    return out;
  }
  const [kh, kw, ci, co] = shape as [number, number, number, number];
  const taps = kh * kw;
  out ??= new Float32Array(values.length);
  for (let tap = 0; tap < taps; tap++) {
    // oihw: out[o][i][tap]; flipped-io: out[i][o][taps - 1 - tap] (reversing both taps reverses the flat tap index).
    const destinationTap = layout === 'oihw' ? tap : taps - 1 - tap;
    for (let i = 0; i < ci; i++) {
      const source = (tap * ci + i) * co;
      if (layout === 'oihw') {
        for (let o = 0; o < co; o++) out[(o * ci + i) * taps + destinationTap] = values[source + o]!;
      } else {
        const base = i * co * taps + destinationTap;
        for (let o = 0; o < co; o++) out[base + o * taps] = values[source + o]!;
      }
    }
  }
  return out;
}
