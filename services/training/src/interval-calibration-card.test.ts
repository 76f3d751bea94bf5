import { describe, expect, it } from 'vitest';
import { intervalCalibrationCardSection } from './interval-calibration-card.ts';

const scale = (factor: number) => ({ factor, floor: 0.1, fields: 20 });

describe('intervalCalibrationCardSection', () => {
  it("states the coverage, the validation images and each class's and the layer's factors", () => {
    const section = intervalCalibrationCardSection(
      {
        coverage: 0.95, method: 'split conformal on 4 validation images', images: 4,
        classes: [{ class: 1, scales: { count: scale(1.5), p50: null }, missed: {} }, { class: 2, scales: {}, missed: { meanArea: { low: 0, high: 41.256, fields: 20 } } }],
        thickness: { classes: [1, 2], radius: 5, minArea: 1000, scales: { mean: scale(2.25) } },
      },
      [{ index: 1, name: 'oxide' }, { index: 2, name: 'crack' }],
    );
    expect(section).toContain('Nominal coverage: 95 %, on 4 validation images');
    expect(section).toContain('- oxide (class 1): count x1.50 (20 fields)');
    expect(section).toContain('- crack (class 2): none (too few validation fields); where the model finds no object of it, a set\'s sizes get the range the truth had there: meanArea 0-41.3 px² (20 fields)');
    expect(section).toContain('- layer thickness (classes 1, 2, disk radius 5, minimum area 1000): mean x2.25 (20 fields)');
  });

  it('says when a version has none, rather than leaving it out', () => {
    expect(intervalCalibrationCardSection(null, [])).toMatch(/None: this version was registered without a validation split/);
  });
});
