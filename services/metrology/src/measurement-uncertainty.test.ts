import { invalidInput } from '@microseg/errors';
import { createIndexMask } from '@microseg/metrology';
import { describe, expect, it } from 'vitest';
import { analyseMask } from './mask-analysis.ts';
import { defaultProfile } from './measurement-profile.ts';
import { uncertaintyOf } from './measurement-uncertainty.ts';

const classes = [0, 1, 2].map((index) => ({ index, name: `c${index}`, color: '#000000' }));
const profile = defaultProfile({ classes });
const field = { totalPixels: 24, pixelLength: 2 };
const pixelSize = { value: 2, unit: 'um' as const };
const maskOf = (rows: string[]) => createIndexMask(rows[0]!.length, rows.length, Uint8Array.from(rows.join(''), Number));

const nominal = analyseMask(maskOf(['000000', '011020', '011002', '000000']), profile, pixelSize);
const lower = analyseMask(maskOf(['000000', '001000', '011000', '000000']), profile, pixelSize);
const upper = analyseMask(maskOf(['011100', '011120', '011122', '000000']), profile, pixelSize);
const manifest = { low: 0.3, high: 0.7, classRule: 'threshold' as const, lower: { key: 'l', sha256: '0'.repeat(64) }, upper: { key: 'u', sha256: '0'.repeat(64) }, intervalCalibration: null };

describe('a measurement set\'s uncertainty', () => {
  it('spans the band masks and names the band and the coverage', () => {
    const uncertainty = uncertaintyOf(nominal, { manifest, lower, upper }, field);
    expect(uncertainty).toMatchObject({ coverage: 0.95, probabilityBand: { low: 0.3, high: 0.7, classRule: 'threshold' } });
    expect(uncertainty.method).toMatch(/> 0\.3, > 0\.5 \(nominal\) and > 0\.7/);
    const [one] = uncertainty.particles;
    // Class 1: 3 pixels (lower), 4 (nominal), 9 (upper) of 24.
    expect(one!.areaFraction.low).toBeLessThanOrEqual(3 / 24);
    expect(one!.areaFraction.high).toBeGreaterThanOrEqual(9 / 24);
    expect(one!.meanArea!.low).toBeLessThanOrEqual(12);
    expect(one!.meanArea!.high).toBeGreaterThanOrEqual(36);
  });

  it('says sampling error only without a band', () => {
    const uncertainty = uncertaintyOf(nominal, null, field);
    expect(uncertainty.probabilityBand).toBeNull();
    expect(uncertainty.method).toMatch(/sampling error only/);
    expect(uncertainty.particles[0]!.areaFraction.low).toBeLessThanOrEqual(4 / 24);
  });

  it('leaves out a band mask the profile could not measure, and says so', () => {
    const refused = invalidInput('the layer covers the whole image: thickness needs background on its sides', {});
    const uncertainty = uncertaintyOf(nominal, { manifest, lower, upper: refused }, field);
    expect(uncertainty.method).toMatch(/the upper band mask could not be measured: the layer covers the whole image/);
    const full = uncertaintyOf(nominal, { manifest, lower, upper }, field);
    expect(uncertainty.particles[0]!.areaFraction.high).toBeLessThan(full.particles[0]!.areaFraction.high);
  });

  it("widens the intervals by the model version's calibration the band carries, and says so", () => {
    const scale = { factor: 3, floor: 0, fields: 20 };
    const intervalCalibration = { coverage: 0.95, method: 'split conformal on 4 validation images', images: 4, classes: [{ class: 1, scales: { areaFraction: scale, count: null }, missed: {} }], thickness: null };
    const own = uncertaintyOf(nominal, { manifest, lower, upper }, field);
    const calibrated = uncertaintyOf(nominal, { manifest: { ...manifest, intervalCalibration }, lower, upper }, field);
    expect(calibrated.method).toMatch(/calibrated on the model version's validation images \(split conformal on 4 validation images/);
    const [before, after] = [own.particles[0]!, calibrated.particles[0]!];
    // Class 1's area fraction is 4/24: each side three times as far from it, within [0, 1].
    expect(after.areaFraction.high).toBeCloseTo(Math.min(1, 4 / 24 + 3 * (before.areaFraction.high - 4 / 24)), 12);
    expect(after.areaFraction.low).toBe(Math.max(0, 4 / 24 - 3 * (4 / 24 - before.areaFraction.low)));
    expect(after.count).toEqual(before.count);
    expect(calibrated.particles[1]).toEqual(own.particles[1]);
  });

  it('gives a class the model found no object of the size range its calibration holds for that, in the set\'s unit', () => {
    const onlyOnes = analyseMask(maskOf(['000000', '011000', '011000', '000000']), profile, pixelSize);
    const missed = { meanArea: { low: 0, high: 10, fields: 20 }, p50: { low: 1, high: 3, fields: 20 } };
    const intervalCalibration = { coverage: 0.95, method: 'split conformal', images: 4, classes: [{ class: 2, scales: {}, missed }], thickness: null };
    const own = uncertaintyOf(onlyOnes, { manifest, lower: onlyOnes, upper: onlyOnes }, field);
    const calibrated = uncertaintyOf(onlyOnes, { manifest: { ...manifest, intervalCalibration }, lower: onlyOnes, upper: onlyOnes }, field);
    const [before, after] = [own.particles[1]!, calibrated.particles[1]!];
    expect(before).toMatchObject({ class: 2, meanArea: null });
    // 2 µm pixels: areas in 4 µm² per pixel, lengths 2 µm.
    expect(after.meanArea).toEqual({ low: 0, high: 40 });
    expect(after.equivalentDiameterPercentiles['50']).toEqual({ low: 2, high: 6 });
    expect(after.count).toEqual(before.count);
    expect(calibrated.particles[0]).toEqual(own.particles[0]);
  });

  describe('thickness', () => {
    const layerProfile = { ...defaultProfile({ classes: classes.slice(0, 2) }), particles: null, thickness: { classes: [1], radius: 1, minArea: 4 } };
    /** A 40 x 24 mask with a layer of class 1 from row `top`, `rows` rows thick. */
    const layerMask = (top: number, rows: number) => {
      const data = new Uint8Array(40 * 24);
      data.fill(1, top * 40, (top + rows) * 40);
      return createIndexMask(40, 24, data);
    };
    const [thin, thick] = [layerMask(9, 5), layerMask(8, 7)].map((mask) => analyseMask(mask, layerProfile, null));
    const layerField = { totalPixels: 40 * 24, pixelLength: 1 };
    const calibrationOf = (layer: { classes: number[]; radius: number; minArea: number }) => ({
      coverage: 0.95, method: 'split conformal on 4 validation images', images: 4, classes: [],
      thickness: { ...layer, scales: { mean: { factor: 4, floor: 0.5, fields: 20 }, p50: null } },
    });

    it("widens a layer's thickness intervals by the calibration of that layer", () => {
      const band = { manifest, lower: thin!, upper: thick! };
      const own = uncertaintyOf(thin!, band, layerField);
      const calibrated = uncertaintyOf(thin!, { ...band, manifest: { ...manifest, intervalCalibration: calibrationOf({ classes: [1], radius: 1, minArea: 4 }) } }, layerField);
      expect(calibrated.method).not.toMatch(/thickness not calibrated/);
      const mean = thin!.thickness!.statistics.thickness.mean!;
      const [before, after] = [own.thickness!.mean!, calibrated.thickness!.mean!];
      expect(after.high - mean).toBeCloseTo(4 * Math.max(0.5, before.high - mean), 9);
      expect(after.low).toBeCloseTo(Math.max(0, mean - 4 * Math.max(0.5, mean - before.low)), 9);
      // No scale for the median: left as it was.
      expect(calibrated.thickness!.percentiles['50']).toEqual(own.thickness!.percentiles['50']);
    });

    it('leaves the thickness of another layer as it was, and says why', () => {
      const band = { manifest, lower: thin!, upper: thick! };
      const own = uncertaintyOf(thin!, band, layerField);
      const other = uncertaintyOf(thin!, { ...band, manifest: { ...manifest, intervalCalibration: calibrationOf({ classes: [1], radius: 5, minArea: 1000 }) } }, layerField);
      expect(other.thickness).toEqual(own.thickness);
      expect(other.method).toMatch(/thickness not calibrated: calibrated on the layer of classes 1 \(radius 5, minimum area 1000\)/);
    });
  });
});
