import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeIndexMask } from './mask-png.ts';
import {
  type OracleThickness,
  ORACLE_DIR,
  readOracleJson,
} from './oracle-fixtures.test-support.ts';
import { analyseParticles } from './particles.ts';
import { measureThickness } from './thickness.ts';
import { expectWithinSeedRange } from './thickness.oracle.test.ts';

interface ClassSummary {
  class: number;
  count: number;
  areas: number[];
  convexAreas: number[];
  sumCentroid: [number, number];
  sumBbox: [number, number, number, number];
  sumEquivalentDiameter: number;
  sumPerimeter: number;
  sumMajorAxisLength: number;
  sumMinorAxisLength: number;
  sumEccentricity: number;
}

interface BenchmarkEntry {
  material: string;
  particles: Record<'4' | '8', ClassSummary[]>;
  thickness?: OracleThickness;
}

const expected = await readOracleJson<Record<string, BenchmarkEntry>>('benchmark-expected.json');
const SHARED = fileURLToPath(
  new URL('../../../../shared/data/micronet-benchmark/masks/', import.meta.url),
);
const COPIED = `${ORACLE_DIR}benchmark-masks/`;

/**
 * A benchmark mask: from the shared data set, else one of the two copied as fixtures. A missing
 * mask fails its case loudly: an oracle case that quietly skips proves nothing.
 */
async function readMask(name: string) {
  const path = [`${SHARED}${name}`, `${COPIED}${name}`].find((candidate) => existsSync(candidate));
  if (!path) {
    throw new Error(`benchmark mask ${name} is missing: the oracle needs the shared data set at ${SHARED} (shared/data/micronet-benchmark)`);
  }
  return decodeIndexMask(await readFile(path));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('benchmark masks give scikit-image numbers', () => {
  for (const [name, entry] of Object.entries(expected)) {
    it(`${name}: particles at 4- and 8-connectivity`, async () => {
      const mask = await readMask(name);
      for (const connectivity of [4, 8] as const) {
        const classes = entry.particles[connectivity];
        const result = analyseParticles(mask, {
          classes: classes.map((c) => c.class),
          connectivity,
        });
        classes.forEach((theirs, i) => {
          const mine = result.classes[i]!;
          const objects = mine.objects;
          expect(mine.count).toBe(theirs.count);
          expect(objects.map((o) => o.area)).toEqual(theirs.areas);
          expect(objects.map((o) => o.convexArea)).toEqual(theirs.convexAreas);
          // Same centroids summed in the same order as the oracle: the sums are identical too.
          expect([0, 1].map((k) => sum(objects.map((o) => o.centroid[k]!)))).toEqual(
            theirs.sumCentroid,
          );
          expect([0, 1, 2, 3].map((k) => sum(objects.map((o) => o.bbox[k]!)))).toEqual(
            theirs.sumBbox,
          );
          expect(sum(objects.map((o) => o.equivalentDiameter))).toBeCloseTo(
            theirs.sumEquivalentDiameter,
            7,
          );
          expect(sum(objects.map((o) => o.perimeter))).toBeCloseTo(theirs.sumPerimeter, 7);
          expect(sum(objects.map((o) => o.majorAxisLength))).toBeCloseTo(
            theirs.sumMajorAxisLength,
            6,
          );
          expect(sum(objects.map((o) => o.minorAxisLength))).toBeCloseTo(
            theirs.sumMinorAxisLength,
            6,
          );
          expect(sum(objects.map((o) => o.eccentricity))).toBeCloseTo(theirs.sumEccentricity, 6);
        });
      }
    });
    if (entry.thickness) {
      const oracle = entry.thickness;
      it(
        `${name}: oxide layer (classes 1, 2) thickness within scikit-image's seed range`,
        async () => {
          const mask = await readMask(name);
          const result = measureThickness(mask, { classes: [1, 2] });
          expect(result.layerPixels).toBe(oracle.layerPixels);
          expectWithinSeedRange(result.thickness.mean, oracle);
        },
      );
    }
  }
});
