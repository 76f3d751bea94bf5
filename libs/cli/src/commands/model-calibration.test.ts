import { describe, expect, it } from 'vitest';
import { calibrationText } from './model-calibration.ts';

const classes = [{ index: 0, name: 'matrix' }, { index: 1, name: 'oxide' }, { index: 2, name: 'crack' }];

describe("a version's calibrations on its card", () => {
  it('shows the coverage, the images and fields, the scale per class and quantity, the layer, and the out-of-distribution threshold', () => {
    const text = calibrationText({
      classes,
      intervalCalibration: {
        coverage: 0.95,
        images: 4,
        classes: [
          { class: 1, scales: [{ quantity: 'count', factor: 1.5, floor: 0.2, fields: 20 }], missedRanges: [] },
          { class: 2, scales: [], missedRanges: [{ quantity: 'meanArea', low: 0, high: 41.256, fields: 20 }] },
        ],
        thickness: { classes: [1, 2], radius: 5, minArea: 1000, scales: [{ quantity: 'mean', factor: 2.25, floor: 0.3, fields: 19 }] },
      },
      outOfDistribution: { threshold: 3.4567, rule: { quantile: 0.99, margin: 1.15 }, validationScores: [1, 2, 3, 3] },
    });
    expect(text.split('\n')).toEqual([
      'interval calibration: 95% nominal coverage, on 4 validation images (20 fields); interval sides multiplied by',
      '  class 1 (oxide): count ×1.50',
      '  class 2 (crack): none (too few validation fields); where it finds none: meanArea 0-41.3 px²',
      '  thickness of classes 1, 2 (radius 5, min area 1000): mean ×2.25',
      'out-of-distribution threshold: 3.457 (0.99 quantile of 4 validation scores × 1.15)',
    ]);
  });

  it('says when a version has neither calibration', () => {
    const text = calibrationText({ classes, intervalCalibration: null, outOfDistribution: null });
    expect(text).toMatch(/^interval calibration: none/);
    expect(text).toMatch(/\nout-of-distribution threshold: none/);
  });
});
