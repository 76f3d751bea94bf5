import type { IntervalCalibration } from '@microseg/contracts';
import { describe, expect, it } from 'vitest';
import { calibrationToGraphql } from './measurement-uncertainty.ts';

const scale = (factor: number) => ({ factor, floor: 0.5, fields: 20 });

describe("a model version's interval calibration in the API", () => {
  it('lists each class and the layer with their scales in a fixed order, leaving out quantities without one', () => {
    const stored: IntervalCalibration = {
      coverage: 0.95, method: 'split conformal on 4 validation images', images: 4,
      classes: [{ class: 1, scales: { p50: scale(2), count: scale(1.5), meanArea: null }, missed: { meanArea: { low: 0, high: 40, fields: 20 }, p10: null } }],
      thickness: { classes: [1, 2], radius: 5, minArea: 1000, scales: { p90: scale(3), mean: scale(1.2), p10: null } },
    };
    expect(calibrationToGraphql(stored)).toEqual({
      coverage: 0.95, method: 'split conformal on 4 validation images', images: 4,
      classes: [{ class: 1, scales: [{ quantity: 'count', ...scale(1.5) }, { quantity: 'p50', ...scale(2) }], missedRanges: [{ quantity: 'meanArea', low: 0, high: 40, fields: 20 }] }],
      thickness: { classes: [1, 2], radius: 5, minArea: 1000, scales: [{ quantity: 'mean', ...scale(1.2) }, { quantity: 'p90', ...scale(3) }] },
    });
  });

  it('answers no thickness for a calibration stored before thickness was calibrated', () => {
    const stored = { coverage: 0.95, method: 'm', images: 1, classes: [] } as unknown as IntervalCalibration;
    expect(calibrationToGraphql(stored).thickness).toBeNull();
  });
});
