import { describe, expect, it } from 'vitest';
import { comparableSet, measurementDigest } from './measurement-digest.ts';

const set = (profileHash: string, completedAt: string, status = 'succeeded') => ({
  imageId: 'i1',
  status,
  profileHash,
  completedAt,
  particles: [{ class: 1, count: 4, areaFraction: 0.2, area: { mean: 12.5 } }],
  thickness: { thickness: { mean: 3 } },
});

describe('measurement digest', () => {
  it('keeps count, area fraction, mean size per class and the mean thickness', () => {
    expect(measurementDigest(set('p', '2026-01-01'))).toEqual({
      imageId: 'i1',
      classes: [{ class: 1, count: 4, areaFraction: 0.2, meanArea: 12.5 }],
      meanThickness: 3,
    });
    expect(measurementDigest({ ...set('p', '2026-01-01'), thickness: null }).meanThickness).toBeNull();
  });

  it('compares the newest succeeded set, preferring the profile the other side used', () => {
    const sets = [set('a', '2026-01-01'), set('b', '2026-01-03'), set('a', '2026-01-02'), set('a', '2026-01-04', 'failed')];
    expect(comparableSet(sets)).toBe(sets[1]);
    expect(comparableSet(sets, 'a')).toBe(sets[2]);
    expect(comparableSet(sets, 'unknown')).toBe(sets[1]);
    expect(comparableSet([set('a', '2026-01-01', 'failed')])).toBeUndefined();
  });
});
