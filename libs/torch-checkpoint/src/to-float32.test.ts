import { describe, expect, it } from 'vitest';
import { toFloat32 } from './index.ts';

/** float16 -> float32 by moving bits (a second, independent construction of the same values). */
function halfBitsToFloat32Bits(h: number): number {
  const sign = (h & 0x8000) << 16;
  let exponent = (h >> 10) & 0x1f;
  let mantissa = h & 0x3ff;
  if (exponent === 0x1f) return sign | 0x7f800000 | (mantissa << 13);
  if (exponent === 0) {
    if (mantissa === 0) return sign;
    exponent = 1;
    while ((mantissa & 0x400) === 0) {
      mantissa <<= 1;
      exponent--;
    }
    mantissa &= 0x3ff;
  }
  return sign | ((exponent + 112) << 23) | (mantissa << 13);
}

describe('toFloat32', () => {
  it('converts every float16 bit pattern exactly', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const got = new Uint32Array(toFloat32({ dtype: 'float16', shape: [65536], data: all }).buffer);
    const want = Uint32Array.from(all, halfBitsToFloat32Bits);
    const nan = (bits: number) => (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;
    for (let i = 0; i < all.length; i++) {
      if (nan(want[i]!)) expect(nan(got[i]!)).toBe(true);
      else if (got[i] !== want[i])
        expect.fail(`half 0x${i.toString(16)}: got 0x${got[i]!.toString(16)}`);
    }
  });

  it('converts bfloat16, float64, int64 and bool', () => {
    expect([
      ...toFloat32({ dtype: 'bfloat16', shape: [2], data: Uint16Array.of(0x3f80, 0xc040) }),
    ]).toEqual([1, -3]);
    expect([...toFloat32({ dtype: 'float64', shape: [1], data: Float64Array.of(0.1) })]).toEqual([
      Math.fround(0.1),
    ]);
    expect([
      ...toFloat32({ dtype: 'int64', shape: [2], data: BigInt64Array.of(-5n, 2n ** 40n) }),
    ]).toEqual([-5, 2 ** 40]);
    expect([...toFloat32({ dtype: 'bool', shape: [2], data: Uint8Array.of(1, 0) })]).toEqual([
      1, 0,
    ]);
  });

  it('returns a copy the caller may change', () => {
    const data = Float32Array.of(1, 2);
    toFloat32({ dtype: 'float32', shape: [2], data })[0] = 9;
    expect(data[0]).toBe(1);
  });
});
