import { describe, expect, it } from 'vitest';
import { createIndexMask } from './index-mask.ts';
import { type MaskSample, measurementIntervals } from './measurement-intervals.ts';
import {
  applyThicknessScales, calibrateThicknessIntervals, labelledThicknessFields, layerSample, sameLayer, thicknessValues,
} from './thickness-calibration.ts';

/** A 96 x 64 mask with a horizontal layer of `rows` rows of `value` from row `top`. */
function layer(top: number, rows: number, value = 1) {
  const data = new Uint8Array(96 * 64);
  data.fill(value, top * 96, (top + rows) * 96);
  return createIndexMask(96, 64, data);
}

const LAYER = { classes: [1], radius: 2, minArea: 10 };

describe('calibrating thickness intervals on labelled images', () => {
  it('measures the layer as metrology does, and has no number where there is no layer or no background', () => {
    expect(thicknessValues(layerSample(layer(20, 15), LAYER)).p50).toBe(16);
    expect(layerSample(layer(20, 15, 2), LAYER)).toBeNull();
    expect(layerSample(layer(0, 64), LAYER)).toBeNull();
    expect(thicknessValues(null)).toEqual({ mean: null, p10: null, p50: null, p90: null });
  });

  it('widens the intervals of a model that reads a coating too thin until they hold the true thickness', () => {
    // The model finds a 9-row layer where the truth has 15, and is sure of it (its band masks are its mask).
    const model = layer(24, 9);
    const fields = labelledThicknessFields({ nominal: model, lower: model, upper: model, truth: layer(21, 15) }, LAYER, 0.95);
    // The image and the two upper quadrants: the model's layer (rows 24-32) leaves one row below the middle, which the opening removes.
    expect(fields.filter((f) => f.quantity === 'mean').map((f) => f.kind)).toEqual(['image', 'quadrant', 'quadrant']);
    const image = fields.filter((f) => f.kind === 'image');
    expect(image.map((f) => f.quantity)).toEqual(['mean', 'p10', 'p50', 'p90']);
    expect(image.find((f) => f.quantity === 'mean')).toMatchObject({ estimate: 10, truth: 16 });

    const calibration = calibrateThicknessIntervals(Array.from({ length: 8 }, () => fields).flat(), LAYER, 0.95)!;
    expect(calibration).toMatchObject({ classes: [1], radius: 2, minArea: 10 });
    expect(calibration.scales['mean']!.factor).toBeGreaterThan(1);

    // Applied to a set measured in nanometres (2 nm pixels): the floors follow the unit.
    const nominal: MaskSample = { totalPixels: 96 * 64, pixelLength: 2, classes: [], thickness: { values: Array.from({ length: 96 }, () => 20) } };
    const own = measurementIntervals([nominal], { coverage: 0.95 });
    const scaled = applyThicknessScales(own, nominal, calibration);
    expect(scaled.thickness!.mean!.high).toBeGreaterThanOrEqual(32);
    expect(scaled.thickness!.mean!.low).toBeGreaterThanOrEqual(0);
    expect(scaled.thickness!.percentiles['50']!.high).toBeGreaterThan(own.thickness!.percentiles['50']!.high);
    // Percentiles the calibration has no scale for stay as they were.
    expect(scaled.thickness!.percentiles['5']).toEqual(own.thickness!.percentiles['5']);
  });

  it('gives no calibration when no field had a layer on both masks', () => {
    const empty = createIndexMask(96, 64, new Uint8Array(96 * 64));
    const fields = labelledThicknessFields({ nominal: empty, lower: empty, upper: empty, truth: layer(21, 15) }, LAYER, 0.95);
    expect(fields).toEqual([]);
    expect(calibrateThicknessIntervals(fields, LAYER, 0.95)).toBeNull();
  });

  it('applies a scale only to the layer it was calibrated on', () => {
    expect(sameLayer(LAYER, { classes: [1], radius: 2, minArea: 10 })).toBe(true);
    expect(sameLayer({ classes: [2, 1], radius: 5, minArea: 1000 }, { classes: [1, 2], radius: 5, minArea: 1000 })).toBe(true);
    expect(sameLayer(LAYER, { classes: [1, 2], radius: 2, minArea: 10 })).toBe(false);
    expect(sameLayer(LAYER, { classes: [1], radius: 5, minArea: 10 })).toBe(false);
  });
});
