import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeIndexMask } from './mask-png.ts';
import {
  type OracleCase,
  type OracleThickness,
  ORACLE_DIR,
  readOracleJson,
} from './oracle-fixtures.test-support.ts';
import { measureThickness } from './thickness.ts';

const cases = await readOracleJson<Record<string, OracleCase>>('cases-expected.json');

/** scikit-image's mean thickness range over its 10 tie-break seeds, widened by 0.5% as issue 5 allows. */
export function expectWithinSeedRange(mean: number | null, expected: OracleThickness): void {
  if (!expected.meanThicknessRange) {
    expect(mean).toBeNull();
    return;
  }
  const [low, high] = expected.meanThicknessRange;
  expect(mean).toBeGreaterThanOrEqual(low * 0.995);
  expect(mean).toBeLessThanOrEqual(high * 1.005);
}

describe('layer thickness agrees with scikit-image on generated layers', () => {
  for (const [name, expected] of Object.entries(cases)) {
    const oracle = expected.thickness;
    if (!oracle) continue;
    it(`${name}: same cleaned layer, mean thickness within the seed range, deterministic`, async () => {
      const mask = await decodeIndexMask(await readFile(`${ORACLE_DIR}cases/${name}.png`));
      const options = { classes: oracle.classes, radius: oracle.radius, minArea: oracle.minArea };
      const result = measureThickness(mask, options);
      expect(result.layerPixels).toBe(oracle.layerPixels);
      expectWithinSeedRange(result.thickness.mean, oracle);
      expect(measureThickness(mask, options).values).toEqual(result.values);
    });
  }
});
