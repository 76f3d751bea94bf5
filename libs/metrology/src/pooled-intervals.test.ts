import { describe, expect, it } from 'vitest';
import { measurementIntervals, type MaskSample } from './measurement-intervals.ts';
import { type PoolMember, pooledMeasurementIntervals, pooledPercentileInterval, pooledRatioInterval, pooledTotalInterval } from './pooled-intervals.ts';
import { twoSidedZ } from './uncertainty.ts';

const z = twoSidedZ(0.95);

describe('pooledRatioInterval', () => {
  it('is the set\'s own interval for one set', () => {
    expect(pooledRatioInterval([{ y: 30, x: 100, interval: { low: 0.25, high: 0.4 } }], z)).toEqual({ low: 0.25, high: 0.4 });
  });

  it("moves the sets' own intervals together, weighted by their x, and adds the spread between images", () => {
    // Two equal images at 0.2 and 0.4 with ±0.01 each: together [0.29, 0.31]; between images the
    // ratio estimator gives sqrt(2 * (10² + 10²)) / 200 = 0.1 standard error: 0.3 ± 0.196.
    const pooled = pooledRatioInterval([{ y: 20, x: 100, interval: { low: 0.19, high: 0.21 } }, { y: 40, x: 100, interval: { low: 0.39, high: 0.41 } }], z)!;
    expect(pooled.low).toBeCloseTo(0.3 - z * 0.1, 10);
    expect(pooled.high).toBeCloseTo(0.3 + z * 0.1, 10);
    // Identical images: no spread between them, the shared shift of their bands remains.
    expect(pooledRatioInterval([{ y: 30, x: 100, interval: { low: 0.2, high: 0.35 } }, { y: 60, x: 200, interval: { low: 0.2, high: 0.35 } }], z)).toEqual({ low: 0.2, high: 0.35 });
  });

  it('leaves out sets holding no share and is null when none does', () => {
    expect(pooledRatioInterval([{ y: 0, x: 0, interval: null }], z)).toBeNull();
    expect(pooledRatioInterval([{ y: 0, x: 0, interval: null }, { y: 5, x: 2, interval: null }], z)).toEqual({ low: 2.5, high: 2.5 });
  });
});

describe('pooledTotalInterval', () => {
  it("holds the sum of the sets' intervals, the Poisson interval of the total and the spread between images", () => {
    const even = pooledTotalInterval([{ value: 10, interval: { low: 8, high: 13 } }, { value: 10, interval: { low: 9, high: 12 } }], z);
    expect(even.low).toBeLessThanOrEqual(17);
    expect(even.high).toBeGreaterThanOrEqual(25);
    // Very uneven images: the spread between them dominates Poisson's sqrt(60).
    const uneven = pooledTotalInterval([{ value: 0, interval: null }, { value: 60, interval: null }], z);
    expect(uneven.high - 60).toBeCloseTo(z * Math.sqrt(2 * 1800), 6);
  });
});

describe('pooledPercentileInterval', () => {
  it("applies the sets' relative shifts, weighted by objects, to the pooled percentile", () => {
    const parts = [{ weight: 3, value: 10, interval: { low: 9, high: 12 } }, { weight: 1, value: 20, interval: { low: 20, high: 20 } }];
    // Shares: low (3 * 0.9 + 1) / 4 = 0.925, high (3 * 1.2 + 1) / 4 = 1.15, of a pooled 12.
    const interval = pooledPercentileInterval(12, { low: 11.5, high: 12.5 }, parts)!;
    expect(interval.low).toBeCloseTo(11.1, 10);
    expect(interval.high).toBeCloseTo(13.8, 10);
    expect(pooledPercentileInterval(null, null, parts)).toBeNull();
  });
});

describe('pooledMeasurementIntervals', () => {
  const sample = (pixelCount: number, diameters: number[]): MaskSample => ({
    totalPixels: 10_000,
    pixelLength: 1,
    classes: [{ class: 1, count: diameters.length, pixelCount, areas: diameters.map((d) => (Math.PI * d * d) / 4), equivalentDiameters: diameters }],
    thickness: null,
  });
  const member = (mask: MaskSample): PoolMember => ({
    totalPixels: mask.totalPixels,
    classes: mask.classes,
    thickness: null,
    intervals: measurementIntervals([mask], { coverage: 0.95 }),
  });

  it('gives one set its own intervals back', () => {
    const mask = sample(400, [5, 6, 7, 8, 12]);
    const own = measurementIntervals([mask], { coverage: 0.95 });
    const pooled = pooledMeasurementIntervals([member(mask)], { coverage: 0.95 });
    expect(pooled.particles[0]!.areaFraction.low).toBeCloseTo(own.particles[0]!.areaFraction.low, 12);
    expect(pooled.particles[0]!.areaFraction.high).toBeCloseTo(own.particles[0]!.areaFraction.high, 12);
    expect(pooled.particles[0]!.meanEquivalentDiameter!.low).toBeCloseTo(own.particles[0]!.meanEquivalentDiameter!.low, 10);
    expect(pooled.particles[0]!.equivalentDiameterPercentiles['50']).toEqual(own.particles[0]!.equivalentDiameterPercentiles['50']);
  });

  it('holds the pooled numbers and covers classes any set has, a set without intervals counting its value', () => {
    const a = sample(400, [5, 6, 7]);
    const b = sample(900, [8, 9, 10, 11]);
    const pooled = pooledMeasurementIntervals([member(a), { ...member(b), intervals: null }, { totalPixels: 10_000, classes: [], thickness: null, intervals: null }], { coverage: 0.95 });
    const c = pooled.particles[0]!;
    expect(c.count.low).toBeLessThanOrEqual(7);
    expect(c.count.high).toBeGreaterThanOrEqual(7);
    expect(c.areaFraction.low).toBeLessThanOrEqual(1300 / 30_000);
    expect(c.areaFraction.high).toBeGreaterThanOrEqual(1300 / 30_000);
    expect(c.meanEquivalentDiameter!.low).toBeLessThanOrEqual(8);
    expect(c.meanEquivalentDiameter!.high).toBeGreaterThanOrEqual(8);
  });
});
