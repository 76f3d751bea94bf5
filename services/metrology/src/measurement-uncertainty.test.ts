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
    const intervalCalibration = { coverage: 0.95, method: 'split conformal on 4 validation images', images: 4, classes: [{ class: 1, scales: { areaFraction: scale, count: null } }] };
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
});
