import { describe, expect, it } from 'vitest';
import { createIndexMask } from './index-mask.ts';
import {
  type CalibrationField, applyIntervalScales, calibrateClassIntervals, calibrateIntervalScale, labelledFields, nonconformity, scaleInterval,
} from './interval-calibration.ts';
import { type MaskSample, measurementIntervals } from './measurement-intervals.ts';

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

describe('calibrating a model\'s measurement intervals on labelled images', () => {
  /** A 16 x 16 mask with `n` 2 x 2 squares of class 1 on a 4-pixel grid. */
  const squares = (n: number) => {
    const data = new Uint8Array(256);
    for (let i = 0; i < n; i++) {
      const x = (i % 4) * 4;
      const y = Math.floor(i / 4) * 4;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) data[(y + dy!) * 16 + x + dx!] = 1;
    }
    return createIndexMask(16, 16, data);
  };

  it('widens the intervals of a model that misses objects until they hold what the truth had', () => {
    // The model finds the 4 objects of the first row of 16, and is sure of them (its band masks are its mask).
    const model = squares(4);
    const masks = { nominal: model, lower: model, upper: model, truth: squares(16) };
    const fields = labelledFields(masks, [1], 0.95);
    expect(fields.filter((f) => f.quantity === 'count').map((f) => [f.kind, f.estimate, f.truth])).toEqual([
      ['image', 4, 16], ['quadrant', 2, 4], ['quadrant', 2, 4], ['quadrant', 0, 4], ['quadrant', 0, 4],
    ]);
    const calibration = calibrateClassIntervals(Array.from({ length: 4 }, () => fields).flat(), [1], 0.95);
    const count = calibration[0]!.scales['count']!;
    expect(count.factor).toBeGreaterThan(1);
    const sample: MaskSample = { totalPixels: 256, pixelLength: 1, classes: [{ class: 1, count: 4, pixelCount: 16, areas: [4, 4, 4, 4], equivalentDiameters: [2.26, 2.26, 2.26, 2.26] }], thickness: null };
    const scaled = applyIntervalScales(measurementIntervals([sample], { coverage: 0.95 }), sample, calibration);
    expect(scaled.particles[0]!.count.high).toBeGreaterThanOrEqual(16);
    expect(scaled.particles[0]!.count.low).toBeGreaterThanOrEqual(0);
    expect(scaled.particles[0]!.areaFraction.high).toBeGreaterThanOrEqual(64 / 256);
  });
});
