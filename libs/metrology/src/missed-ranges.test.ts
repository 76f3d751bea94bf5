import { describe, expect, it } from 'vitest';
import { createIndexMask } from './index-mask.ts';
import { applyIntervalScales, labelledImageFields } from './interval-calibration.ts';
import { type MaskSample, measurementIntervals } from './measurement-intervals.ts';
import { calibrateMissedRange, calibrateMissedRanges } from './missed-ranges.ts';

describe('ranges for the fields a model finds no object in (Mondrian conformal)', () => {
  it('takes order statistics that hold a new truth at the coverage, from 0 below enough fields for a lower one', () => {
    const ones = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    // 39 fields at 0.95: i = ⌊40 · 0.025⌋ = 1, j = ⌈40 · 0.975⌉ = 39.
    expect(calibrateMissedRange(ones(39), 0.95)).toEqual({ low: 1, high: 39, fields: 39 });
    // 20 fields: no lower order statistic; the 20th of ⌈21 · 0.95⌉ = 20 above 0.
    expect(calibrateMissedRange(ones(20).reverse(), 0.95)).toEqual({ low: 0, high: 20, fields: 20 });
    expect(calibrateMissedRange(ones(18), 0.95)).toBeNull();
    expect(calibrateMissedRange([], 0.95)).toBeNull();
  });

  it('collects the fields where the truth has objects of a class the model found none of, and gives their sets an interval', () => {
    // Class 2: four 2 x 2 squares in the truth, none on the model's mask.
    const truth = new Uint8Array(256);
    for (const [x, y] of [[1, 1], [9, 1], [1, 9], [9, 9]]) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) truth[(y! + dy!) * 16 + x! + dx!] = 2;
    const empty = createIndexMask(16, 16, new Uint8Array(256));
    const { fields, missed } = labelledImageFields({ nominal: empty, lower: empty, upper: empty, truth: createIndexMask(16, 16, truth) }, [2], 0.95);
    expect(fields.filter((f) => f.quantity === 'meanArea')).toEqual([]);
    expect(missed.filter((f) => f.quantity === 'meanArea').map((f) => [f.kind, f.truth])).toEqual([['image', 4], ['quadrant', 4], ['quadrant', 4], ['quadrant', 4], ['quadrant', 4]]);

    const ranges = calibrateMissedRanges(Array.from({ length: 4 }, () => missed).flat(), [2], 0.95);
    expect(ranges[0]!.ranges['meanArea']).toEqual({ low: 0, high: 4, fields: 20 });
    // A set in micrometres (0.5 µm pixels) that found no class-2 object: its mean area may be up to 4 px = 1 µm².
    const nominal: MaskSample = { totalPixels: 256, pixelLength: 0.5, classes: [{ class: 2, count: 0, pixelCount: 0, areas: [], equivalentDiameters: [] }], thickness: null };
    const own = measurementIntervals([nominal], { coverage: 0.95 });
    expect(own.particles[0]!.meanArea).toBeNull();
    const calibrated = applyIntervalScales(own, nominal, [], ranges).particles[0]!;
    expect(calibrated.meanArea).toEqual({ low: 0, high: 1 });
    expect(calibrated.meanEquivalentDiameter!.high).toBeCloseTo(0.5 * Math.sqrt(16 / Math.PI), 9);
    expect(calibrated.count).toEqual(own.particles[0]!.count);
  });
});
