import type { TensorRecord } from './types.ts';

/** Exact IEEE half -> single: every float16 value, subnormals, infinities and NaN included, is a float32. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * A tensor's values as float32 in logical order (records are always contiguous; see
 * TensorRecord). float64 rounds to nearest like torch's `.float()`; int64 beyond 2^24 rounds.
 */
export function toFloat32(t: TensorRecord): Float32Array {
  const { data } = t;
  if (data instanceof Float32Array) return data.slice();
  if (t.dtype === 'float16') {
    const out = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = halfToFloat(data[i] as number);
    return out;
  }
  if (t.dtype === 'bfloat16') {
    // bfloat16 is the top half of a float32: shifting the bits back is exact.
    const bits = new Uint32Array(data.length);
    for (let i = 0; i < data.length; i++) bits[i] = (data[i] as number) << 16;
    return new Float32Array(bits.buffer);
  }
  if (data instanceof BigInt64Array) return Float32Array.from(data, (value) => Number(value));
  return Float32Array.from(data as ArrayLike<number>);
}
