import { describe, expect, it } from 'vitest';
import { type MaskSample, measurementIntervals } from './measurement-intervals.ts';
import { percentileOfSorted } from './statistics.ts';
import {
  areaFractionInterval,
  contains,
  correlatedMeanInterval,
  countInterval,
  meanInterval,
  normalQuantile,
  percentileInterval,
  twoSidedZ,
  unionOf,
} from './uncertainty.ts';

/** A seeded generator (mulberry32), so that the coverage checks below are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

describe('normal quantiles', () => {
  it('match the tables in the centre and the tails', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(twoSidedZ(0.9)).toBeCloseTo(1.644854, 5);
  });

  it('refuse probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => twoSidedZ(1)).toThrow(RangeError);
  });
});

describe('sampling intervals', () => {
  const z = twoSidedZ(0.95);

  it('give a count of zero objects a non-empty Poisson interval', () => {
    expect(countInterval(0, z)).toEqual({ low: 0, high: expect.closeTo(z * z, 9) });
    const hundred = countInterval(100, z);
    expect(hundred.low).toBeLessThan(100);
    expect(hundred.high).toBeGreaterThan(100);
    expect(hundred.high - hundred.low).toBeCloseTo(2 * z * Math.sqrt(100 + (z * z) / 4), 9);
  });

  it('cover the mean of normal samples about as often as their nominal coverage', () => {
    const next = random(7);
    let hits = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const values = Array.from({ length: 40 }, () => 10 + 3 * gaussian(next));
      if (contains(meanInterval(values, z), 10)) hits++;
    }
    expect(hits / trials).toBeGreaterThan(0.93);
    expect(hits / trials).toBeLessThan(0.965);
  });

  it('cover a percentile of any distribution at least about as often as nominal (order statistics)', () => {
    const next = random(11);
    let hits = 0;
    const trials = 2000;
    // Exponential(1): the 90th percentile is ln 10.
    for (let t = 0; t < trials; t++) {
      const sorted = Float64Array.from({ length: 60 }, () => -Math.log(1 - next())).sort();
      if (contains(percentileInterval(sorted, 90, z), Math.log(10))) hits++;
    }
    expect(hits / trials).toBeGreaterThan(0.93);
  });

  it('always hold the point estimates they are built around', () => {
    const sorted = Float64Array.from([1, 2, 2, 3, 8]);
    for (const p of [5, 50, 95]) expect(contains(percentileInterval(sorted, p, z), percentileOfSorted(sorted, p))).toBe(true);
    expect(meanInterval([4], z)).toEqual({ low: 4, high: 4 });
    expect(meanInterval([], z)).toBeNull();
    expect(percentileInterval([], 50, z)).toBeNull();
  });

  it('widen the mean of correlated values by sqrt(n / effective n)', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const plain = meanInterval(values, z)!;
    const correlated = correlatedMeanInterval(values, 2, z)!;
    expect(correlated.high - correlated.low).toBeCloseTo((plain.high - plain.low) * 2, 9);
    expect((correlated.high + correlated.low) / 2).toBeCloseTo(4.5, 9);
  });

  it('give an area fraction the compound-Poisson error of its objects, inside [0, 1]', () => {
    // 50 objects of 10 pixels and one of 100 in 10,000 pixels: 0.06 ± z·sqrt(50·100 + 100²)/10,000.
    const areas = [...Array.from({ length: 50 }, () => 10), 100];
    const interval = areaFractionInterval(600, areas, 10_000, z);
    expect(interval.low).toBeCloseTo(0.06 - (z * Math.sqrt(15_000)) / 10_000, 12);
    expect(interval.high).toBeCloseTo(0.06 + (z * Math.sqrt(15_000)) / 10_000, 12);
    expect(areaFractionInterval(10, [10], 10, z)).toEqual({ low: expect.any(Number), high: 1 });
  });

  it('join intervals into their union, ignoring absent ones', () => {
    expect(unionOf([{ low: 1, high: 2 }, null, { low: 0.5, high: 1.5 }])).toEqual({ low: 0.5, high: 2 });
    expect(unionOf([null, null])).toBeNull();
    expect(contains(null, null)).toBe(true);
    expect(contains({ low: 0, high: 1 }, null)).toBe(false);
  });
});

describe('measurement intervals of a probability band', () => {
  const mask = (count: number, diameters: number[], thickness: number[] | null): MaskSample => ({
    totalPixels: 10_000,
    pixelLength: 0.5,
    classes: [
      {
        class: 1,
        count,
        pixelCount: diameters.reduce((sum, d) => sum + (Math.PI * d * d) / 4 / 0.25, 0),
        areas: diameters.map((d) => (Math.PI * d * d) / 4),
        equivalentDiameters: diameters,
      },
    ],
    thickness: thickness ? { values: thickness } : null,
  });

  it('span the masks at both thresholds and hold the nominal mask value', () => {
    const nominal = mask(4, [4, 5, 6, 7], [3, 3, 3.5, 4]);
    const lower = mask(3, [3.5, 4.5, 5.5], [2.5, 2.5, 3, 3.5]);
    const upper = mask(5, [4.5, 5.5, 6.5, 7.5, 2], [3.5, 3.5, 4, 4.5]);
    const intervals = measurementIntervals([nominal, lower, upper], { coverage: 0.95 });
    const [one] = intervals.particles;
    expect(intervals.coverage).toBe(0.95);
    expect(one!.class).toBe(1);
    expect(one!.count.low).toBeLessThanOrEqual(3);
    expect(one!.count.high).toBeGreaterThanOrEqual(5);
    expect(contains(one!.meanEquivalentDiameter, 5.5)).toBe(true);
    expect(one!.meanEquivalentDiameter!.low).toBeLessThan(4.5);
    const nominalFraction = nominal.classes[0]!.pixelCount / nominal.totalPixels;
    expect(contains(one!.areaFraction, nominalFraction)).toBe(true);
    expect(contains(one!.equivalentDiameterPercentiles['50']!, 5.5)).toBe(true);
    expect(contains(intervals.thickness!.mean, 3.375)).toBe(true);
    expect(intervals.thickness!.mean!.high).toBeGreaterThan(3.875);
  });

  it('give a class absent from one band mask the intervals of an empty sample there', () => {
    const nominal = mask(1, [4], null);
    const lower: MaskSample = { ...nominal, classes: [] };
    const intervals = measurementIntervals([nominal, lower], { coverage: 0.9 });
    expect(intervals.particles[0]!.count.low).toBe(0);
    expect(intervals.particles[0]!.areaFraction.low).toBe(0);
    expect(intervals.thickness).toBeNull();
  });
});
