import { describe, expect, it } from 'vitest';
import { createIndexMask } from './index-mask.ts';
import { analyseParticles } from './particles.ts';

/** A mask from rows of digits, e.g. ['0110', '0000']. */
function maskOf(rows: string[]) {
  return createIndexMask(rows[0]!.length, rows.length, Uint8Array.from(rows.join(''), Number));
}

describe('analyseParticles', () => {
  it('gives well-defined empty results for an empty mask and for absent classes', () => {
    const empty = maskOf(['000', '000']);
    expect(analyseParticles(empty).classes).toEqual([]);
    const [absent] = analyseParticles(empty, { classes: [3] }).classes;
    expect(absent).toMatchObject({
      class: 3,
      count: 0,
      areaFraction: 0,
      objects: [],
      histogram: { edges: [], counts: [] },
    });
    expect(absent!.area).toMatchObject({ mean: null, median: null, std: null });
    expect(absent!.borderCorrected).toMatchObject({ count: 0, meanArea: null });
  });

  it('separates corner-touching pixels at 4-connectivity only', () => {
    const mask = maskOf(['1000', '0100', '0000']);
    expect(analyseParticles(mask, { connectivity: 8 }).classes[0]!.count).toBe(1);
    expect(analyseParticles(mask, { connectivity: 4 }).classes[0]!.count).toBe(2);
  });

  it('flags objects touching the border and keeps interior statistics apart', () => {
    const mask = maskOf(['11000', '00000', '00220', '00220', '00000']);
    const analysis = analyseParticles(mask, { classes: [1, 2] });
    const [one, two] = analysis.classes;
    expect(one!.objects[0]).toMatchObject({ area: 2, bbox: [0, 0, 1, 2], touchesBorder: true });
    expect(one!.interior.count).toBe(0);
    expect(two!.objects[0]).toMatchObject({
      area: 4,
      centroid: [2.5, 2.5],
      bbox: [2, 2, 4, 4],
      touchesBorder: false,
    });
    expect(two!.interior).toMatchObject({ count: 1, area: { mean: 4 } });
    expect(two!.areaFraction).toBe(4 / 25);
  });

  it('weights interior objects by the Miles-Lantuejoul factor', () => {
    const mask = maskOf(['00000', '01100', '01100', '00000', '00010']);
    const [cls] = analyseParticles(mask).classes;
    // 2x2 object in a 5x5 frame: 25 / (3 * 3); the object on the border is dropped.
    expect(cls!.count).toBe(2);
    expect(cls!.borderCorrected.count).toBeCloseTo(25 / 9, 12);
    expect(cls!.borderCorrected.meanArea).toBeCloseTo(4, 12);
  });

  it('reports areas in unit squared and lengths in unit when the pixel size is known', () => {
    const mask = maskOf(['0000', '0110', '0110', '0000']);
    const inPixels = analyseParticles(mask).classes[0]!.objects[0]!;
    const analysis = analyseParticles(mask, { pixelSize: { value: 0.5, unit: 'um' } });
    const object = analysis.classes[0]!.objects[0]!;
    expect(analysis.unit).toBe('um');
    expect(object.area).toBe(1);
    expect(object.equivalentDiameter).toBeCloseTo(inPixels.equivalentDiameter * 0.5, 12);
    expect(object.centroid).toEqual(inPixels.centroid);
  });

  it('handles a 1xN strip and a full mask', () => {
    expect(analyseParticles(maskOf(['1101'])).classes[0]!.objects.map((o) => o.area)).toEqual([
      2, 1,
    ]);
    const full = analyseParticles(maskOf(['11', '11'])).classes[0]!;
    expect(full).toMatchObject({ count: 1, areaFraction: 1, interior: { count: 0 } });
  });
});
