import { describe, expect, it } from 'vitest';
import { computeDriftReport } from './drift-report.ts';
import { withDriftIntervals } from './drift-intervals.ts';

describe('drift with intervals', () => {
  const report = computeDriftReport(
    [{ imageId: 'i1', classes: [{ class: 1, count: 10, areaFraction: 0.2, meanArea: 5 }], meanThickness: null }],
    [{ imageId: 'i1', classes: [{ class: 1, count: 30, areaFraction: 0.21, meanArea: 6 }], meanThickness: null }],
  );
  const interval = (low: number, high: number) => ({ low, high });

  it('flags a change beyond both versions\' intervals, not one inside them', () => {
    const drift = withDriftIntervals(
      report,
      new Map([['i1', { particles: [{ class: 1, count: interval(6, 15), areaFraction: interval(0.15, 0.25), meanArea: interval(4, 6) }], thickness: null }]]),
      new Map([['i1', { particles: [{ class: 1, count: interval(24, 37), areaFraction: interval(0.16, 0.26), meanArea: null }], thickness: null }]]),
    );
    const [c] = drift.images[0]!.classes;
    expect(c!.count).toMatchObject({ old: 10, new: 30, delta: 20, oldInterval: { low: 6, high: 15 }, newInterval: { low: 24, high: 37 }, beyondUncertainty: true });
    expect(c!.areaFraction.beyondUncertainty).toBe(false);
    expect(c!.meanArea).toMatchObject({ delta: 1, newInterval: null, beyondUncertainty: null });
    expect(drift.images[0]!.meanThickness).toMatchObject({ oldInterval: null, beyondUncertainty: null });
  });

  it('leaves sets measured before intervals without them', () => {
    const drift = withDriftIntervals(report, new Map([['i1', null]]), new Map());
    expect(drift.images[0]!.classes[0]!.count).toMatchObject({ oldInterval: null, newInterval: null, beyondUncertainty: null });
  });
});
