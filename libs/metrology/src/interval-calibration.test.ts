import { describe, expect, it } from 'vitest';
import { type CalibrationField, calibrateIntervalScale, nonconformity, scaleInterval } from './interval-calibration.ts';

const field = (estimate: number, low: number, high: number, truth: number): CalibrationField => ({ estimate, interval: { low, high }, truth });

describe('interval calibration (split conformal)', () => {
  it('scores the truth in units of the interval side it lies on', () => {
    expect(nonconformity(field(10, 8, 14, 12), 0)).toBe(0.5);
    expect(nonconformity(field(10, 8, 14, 4), 0)).toBe(3);
    // A zero-width side counts as the floor.
    expect(nonconformity(field(0, 0, 0, 5), 0.5)).toBe(10);
  });

  it("takes the ⌈(n+1)·coverage⌉-th smallest score, never narrows, and refuses too few fields", () => {
    // Scores 0.5, 1, 1.5 ... 10 (20 fields): at 0.9, rank ⌈21 * 0.9⌉ = 19, the score 9.5.
    const fields = Array.from({ length: 20 }, (_, i) => field(10, 9, 11, 10 + (i + 1) * 0.5));
    expect(calibrateIntervalScale(fields, 0.9)).toMatchObject({ factor: 9.5, fields: 20 });
    expect(calibrateIntervalScale(fields.slice(0, 3).map((f) => ({ ...f, truth: 10 })), 0.5)!.factor).toBe(1);
    expect(calibrateIntervalScale(fields.slice(0, 10), 0.95)).toBeNull();
  });

  it("multiplies each side of an interval by the factor, keeping its shape", () => {
    expect(scaleInterval(10, { low: 9, high: 13 }, { factor: 2, floor: 0, fields: 20 })).toEqual({ low: 8, high: 16 });
    expect(scaleInterval(0, { low: 0, high: 0 }, { factor: 3, floor: 0.01, fields: 20 }).high).toBeCloseTo(0.03, 12);
  });
});
