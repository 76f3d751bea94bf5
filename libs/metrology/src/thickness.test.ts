import { describe, expect, it } from 'vitest';
import { createIndexMask } from './index-mask.ts';
import { measureThickness } from './thickness.ts';

/** A horizontal band of `rows` rows of class 1 across a width x height image. */
function band(width: number, height: number, top: number, rows: number, value = 1) {
  const data = new Uint8Array(width * height);
  data.fill(value, top * width, (top + rows) * width);
  return createIndexMask(width, height, data);
}

describe('measureThickness', () => {
  it('reads twice the distance to the background along the axis of a straight band', () => {
    const result = measureThickness(band(80, 40, 10, 15), { radius: 2, minArea: 10 });
    // The axis runs along the middle row, 8 px from the background on either side (scikit-image's EDT).
    expect(result.thickness.median).toBe(16);
    expect(result.layerPixels).toBe(80 * 15);
    expect(result.profile.length).toBe(80);
  });

  it('is deterministic', () => {
    const mask = band(64, 48, 8, 21, 2);
    const a = measureThickness(mask, { classes: [2], radius: 3, minArea: 50 });
    const b = measureThickness(mask, { classes: [2], radius: 3, minArea: 50 });
    expect(b.values).toEqual(a.values);
  });

  it('reports physical units when the pixel size is known', () => {
    const result = measureThickness(band(80, 40, 10, 15), {
      radius: 2,
      minArea: 10,
      pixelSize: { value: 2, unit: 'nm' },
    });
    expect(result).toMatchObject({ unit: 'nm', layerArea: 80 * 15 * 4 });
    expect(result.thickness.median).toBe(32);
  });

  it('gives empty statistics when no layer survives cleaning', () => {
    const result = measureThickness(band(50, 50, 10, 3), { radius: 2, minArea: 10 });
    expect(result).toMatchObject({ layerPixels: 0, skeletonPixels: 0, thickness: { mean: null } });
  });

  it('refuses a layer covering the whole image and bad parameters', () => {
    expect(() => measureThickness(band(20, 20, 0, 20))).toThrow(/covers the whole image/);
    expect(() => measureThickness(band(20, 20, 5, 5), { radius: 1.5 })).toThrow(/radius/);
  });
});
