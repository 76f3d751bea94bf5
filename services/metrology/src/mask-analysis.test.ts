import { analyseParticles, createIndexMask } from '@microseg/metrology';
import { describe, expect, it } from 'vitest';
import { analyseMask } from './mask-analysis.ts';
import { defaultProfile } from './measurement-profile.ts';

const classes = [0, 1, 2].map((index) => ({ index, name: `c${index}`, color: '#000000' }));

/** 6x4: a 2x2 square of class 1, a diagonal pair of class 2 (one object with 8-connectivity, two with 4). */
const mask = createIndexMask(
  6,
  4,
  // prettier-ignore
  Uint8Array.from([
    0, 0, 0, 0, 0, 0,
    0, 1, 1, 0, 2, 0,
    0, 1, 1, 0, 0, 2,
    0, 0, 0, 0, 0, 0,
  ]),
);

describe('analyseMask', () => {
  it("runs the profile's particle analysis in the pixel size's unit, objects as columns", () => {
    const pixelSize = { value: 2, unit: 'um' as const };
    const analysis = analyseMask(mask, defaultProfile({ classes }), pixelSize);
    const expected = analyseParticles(mask, { classes: [1, 2], connectivity: 8, pixelSize });
    expect(analysis.unit).toBe('um');
    expect(analysis.thickness).toBeNull();
    expect(
      analysis.particles.map((p) => [
        p.statistics.class,
        p.statistics.count,
        p.statistics.pixelCount,
      ]),
    ).toEqual([
      [1, 1, 4],
      [2, 1, 2],
    ]);
    expect(analysis.particles[0]!.objects).toMatchObject({
      area: [16],
      bbox: [1, 1, 3, 3],
      touchesBorder: [false],
    });
    expect(analysis.particles[0]!.statistics.area).toEqual(expected.classes[0]!.area);
  });

  it('follows the connectivity of the profile and measures thickness when asked', () => {
    const profile = {
      ...defaultProfile({ classes }),
      particles: { classes: [2], connectivity: 4 as const },
      thickness: { classes: [1, 2], radius: 0, minArea: 0 },
    };
    const analysis = analyseMask(mask, profile, null);
    expect(analysis.unit).toBe('px');
    expect(analysis.particles[0]!.statistics.count).toBe(2);
    expect(analysis.thickness?.statistics.skeletonPixels).toBeGreaterThan(0);
    expect(analysis.thickness?.values).toHaveLength(analysis.thickness!.statistics.skeletonPixels);
  });

  it('refuses class values outside the profile before measuring anything', () => {
    const profile = { ...defaultProfile({ classes }), classes: [0, 1] };
    let error: unknown;
    try {
      analyseMask(mask, profile, null);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { unexpected: [2] } });
  });
});
