import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeIndexMask } from './mask-png.ts';
import {
  type OracleCase,
  type OracleObject,
  ORACLE_DIR,
  readOracleJson,
  sameAxisAngle,
} from './oracle-fixtures.test-support.ts';
import { type Particle, analyseParticles } from './particles.ts';

const cases = await readOracleJson<Record<string, OracleCase>>('cases-expected.json');

/** Compares one object with scikit-image's: exact where the issue demands it, tight tolerances elsewhere. */
export function expectSameObject(mine: Particle, theirs: OracleObject): void {
  expect(mine.area).toBe(theirs.area);
  expect(mine.bbox).toEqual(theirs.bbox);
  expect(mine.centroid).toEqual(theirs.centroid);
  expect(Math.abs(mine.equivalentDiameter - theirs.equivalentDiameter)).toBeLessThanOrEqual(1e-9);
  expect(mine.convexArea).toBe(theirs.convexArea);
  expect(mine.solidity).toBeCloseTo(theirs.solidity, 12);
  expect(mine.perimeter).toBeCloseTo(theirs.perimeter, 9);
  expect(mine.majorAxisLength).toBeCloseTo(theirs.majorAxisLength, 6);
  expect(mine.minorAxisLength).toBeCloseTo(theirs.minorAxisLength, 6);
  expect(mine.eccentricity).toBeCloseTo(theirs.eccentricity, 6);
  expect(
    orientationAgrees(mine, theirs),
    `orientation ${mine.orientation} vs ${theirs.orientation}`,
  ).toBe(true);
}

/**
 * Orientation is an axis (equal modulo pi) and is undefined for isotropic regions (equal axes), where
 * scikit-image's value is rounding noise. When the row and column moments are equal, scikit-image
 * answers -pi/4 for b < 0 only if its floating point makes a - c exactly 0, and +pi/4 (the limit of its
 * atan2 formula) otherwise; we decide a == c exactly, so both diagonals are accepted there.
 */
function orientationAgrees(mine: Particle, theirs: OracleObject): boolean {
  if (theirs.majorAxisLength - theirs.minorAxisLength <= 1e-6 * Math.max(1, theirs.majorAxisLength))
    return true;
  if (sameAxisAngle(mine.orientation, theirs.orientation, 1e-7)) return true;
  const diagonal = (angle: number) => Math.abs(Math.abs(angle) - Math.PI / 4) < 1e-9;
  return diagonal(mine.orientation) && diagonal(theirs.orientation);
}

describe('particle analysis agrees with scikit-image regionprops on generated edge cases', () => {
  for (const [name, expected] of Object.entries(cases)) {
    for (const connectivity of [4, 8] as const) {
      it(`${name} at ${connectivity}-connectivity`, async () => {
        const mask = await decodeIndexMask(await readFile(`${ORACLE_DIR}cases/${name}.png`));
        const classes = expected.particles[connectivity].map((entry) => entry.class);
        const result = analyseParticles(mask, { classes, connectivity });
        expect([result.width, result.height]).toEqual([expected.width, expected.height]);
        for (const [i, theirs] of expected.particles[connectivity].entries()) {
          const mine = result.classes[i]!;
          expect(mine.class).toBe(theirs.class);
          expect(mine.count).toBe(theirs.count);
          mine.objects.forEach((object, j) => expectSameObject(object, theirs.objects[j]!));
        }
      });
    }
  }
});
