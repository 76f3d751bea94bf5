import { describe, expect, it } from 'vitest';
import { layoutShape, toLayout } from './weight-layouts.ts';

describe('toLayout', () => {
  const shape = [2, 3, 4, 5];
  const [kh, kw, ci, co] = shape as [number, number, number, number];
  const values = Float32Array.from({ length: kh * kw * ci * co }, (_, i) => i);
  const at = (h: number, w: number, i: number, o: number) => values[((h * kw + w) * ci + i) * co + o]!;

  it('writes [out, in, kh, kw] for ONNX Conv', () => {
    const out = toLayout(values, shape, 'oihw');
    expect(layoutShape(shape, 'oihw')).toEqual([co, ci, kh, kw]);
    for (let o = 0; o < co; o++) for (let i = 0; i < ci; i++) for (let h = 0; h < kh; h++) for (let w = 0; w < kw; w++) {
      expect(out[((o * ci + i) * kh + h) * kw + w]).toBe(at(h, w, i, o));
    }
  });

  it('writes [in, out, kh, kw] with both taps reversed for the stride-1 input gradient', () => {
    const out = toLayout(values, shape, 'flipped-io');
    expect(layoutShape(shape, 'flipped-io')).toEqual([ci, co, kh, kw]);
    for (let o = 0; o < co; o++) for (let i = 0; i < ci; i++) for (let h = 0; h < kh; h++) for (let w = 0; w < kw; w++) {
      expect(out[((i * co + o) * kh + h) * kw + w]).toBe(at(kh - 1 - h, kw - 1 - w, i, o));
    }
  });

  it('leaves other weights as they are', () => {
    expect(toLayout(values, [values.length], 'as-is')).toBe(values);
  });

  it('writes into a buffer it is given, whatever was there', () => {
    const buffer = new Float32Array(values.length).fill(-1);
    expect(toLayout(values, shape, 'oihw', buffer)).toBe(buffer);
    expect(buffer).toEqual(toLayout(values, shape, 'oihw'));
    expect(toLayout(values, [values.length], 'as-is', buffer)).toEqual(values);
  });
});
