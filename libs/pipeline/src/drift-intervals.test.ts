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
      new Map([['i1', 10_000]]),
    );
    const [c] = drift.images[0]!.classes;
    expect(c!.count).toMatchObject({ old: 10, new: 30, delta: 20, oldInterval: { low: 6, high: 15 }, newInterval: { low: 24, high: 37 }, beyondUncertainty: true });
    expect(c!.areaFraction.beyondUncertainty).toBe(false);
    expect(c!.meanArea).toMatchObject({ delta: 1, newInterval: null, beyondUncertainty: null });
    expect(drift.images[0]!.meanThickness).toMatchObject({ oldInterval: null, beyondUncertainty: null });
  });

  it('leaves sets measured before intervals without them', () => {
    const drift = withDriftIntervals(report, new Map([['i1', null]]), new Map(), new Map([['i1', 10_000]]));
    expect(drift.images[0]!.classes[0]!.count).toMatchObject({ oldInterval: null, newInterval: null, beyondUncertainty: null });
    expect(drift.dataset[0]!.areaFraction).toMatchObject({ old: 0.2, new: 0.21, oldInterval: null, newInterval: null, beyondUncertainty: null });
  });

  it('pools each class over the matched images, weighted by their pixels, with pooled intervals', () => {
    const two = computeDriftReport(
      [
        { imageId: 'a', classes: [{ class: 1, count: 10, areaFraction: 0.1, meanArea: 4 }], meanThickness: null },
        { imageId: 'b', classes: [{ class: 1, count: 30, areaFraction: 0.3, meanArea: 8 }], meanThickness: null },
      ],
      [
        { imageId: 'a', classes: [{ class: 1, count: 12, areaFraction: 0.12, meanArea: 4 }], meanThickness: null },
        { imageId: 'b', classes: [{ class: 1, count: 33, areaFraction: 0.33, meanArea: 8 }], meanThickness: null },
      ],
    );
    const own = (count: [number, number], fraction: [number, number]) => ({
      particles: [{ class: 1, count: interval(...count), areaFraction: interval(...fraction), meanArea: null }], thickness: null,
    });
    const drift = withDriftIntervals(
      two,
      new Map([['a', own([6, 15], [0.08, 0.12])], ['b', own([24, 37], [0.27, 0.33])]]),
      new Map([['a', own([8, 17], [0.1, 0.14])], ['b', own([27, 40], [0.3, 0.36])]]),
      new Map([['a', 100], ['b', 300]]),
    );
    const [c] = drift.dataset;
    // Pixel-weighted: (0.1 * 100 + 0.3 * 300) / 400 = 0.25; the own intervals moved together: [0.2225, 0.2775].
    expect(c!.areaFraction.old).toBeCloseTo(0.25, 12);
    expect(c!.areaFraction.oldInterval!.low).toBeLessThanOrEqual(0.2225);
    expect(c!.areaFraction.oldInterval!.high).toBeGreaterThanOrEqual(0.2775);
    expect(c!.count).toMatchObject({ old: 40, new: 45, delta: 5, beyondUncertainty: false });
    // Over every object: (10 * 4 + 30 * 8) / 40 = 7; no set has a meanArea interval, so the pooled one is the value.
    expect(c!.meanArea).toMatchObject({ old: 7, new: (12 * 4 + 33 * 8) / 45 });
  });
});
