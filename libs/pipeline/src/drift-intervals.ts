import type { DriftReport } from './drift-report.ts';

interface Interval {
  low: number;
  high: number;
}

/** The intervals of one measurement set a drift report reads (see @microseg/contracts' measurementUncertaintySchema). */
export interface SetIntervals {
  particles: readonly { class: number; count: Interval; areaFraction: Interval; meanArea: Interval | null }[];
  thickness: { mean: Interval | null } | null;
}

export interface IntervalChange {
  oldInterval: Interval | null;
  newInterval: Interval | null;
  /**
   * True when the two intervals do not overlap: a change neither version's uncertainty explains.
   * Null when a side has no interval (measured before intervals, no objects).
   */
  beyondUncertainty: boolean | null;
}

type WithIntervals<T> = T & IntervalChange;

export type DriftReportWithIntervals = Omit<DriftReport, 'images'> & {
  images: (Omit<DriftReport['images'][number], 'classes' | 'meanThickness'> & {
    classes: (Omit<DriftReport['images'][number]['classes'][number], 'count' | 'areaFraction' | 'meanArea'> & {
      count: WithIntervals<DriftReport['images'][number]['classes'][number]['count']>;
      areaFraction: WithIntervals<DriftReport['images'][number]['classes'][number]['areaFraction']>;
      meanArea: WithIntervals<DriftReport['images'][number]['classes'][number]['meanArea']>;
    })[];
    meanThickness: WithIntervals<DriftReport['images'][number]['meanThickness']>;
  })[];
};

function change(oldInterval: Interval | null | undefined, newInterval: Interval | null | undefined): IntervalChange {
  const a = oldInterval ?? null;
  const b = newInterval ?? null;
  return { oldInterval: a, newInterval: b, beyondUncertainty: a && b ? a.high < b.low || b.high < a.low : null };
}

/** Adds each side's interval to every number of a drift report, and whether the change is beyond them. */
export function withDriftIntervals(
  report: DriftReport,
  old: ReadonlyMap<string, SetIntervals | null>,
  current: ReadonlyMap<string, SetIntervals | null>,
): DriftReportWithIntervals {
  return {
    ...report,
    images: report.images.map((image) => {
      const before = old.get(image.imageId) ?? null;
      const after = current.get(image.imageId) ?? null;
      return {
        ...image,
        classes: image.classes.map((c) => {
          const a = before?.particles.find((p) => p.class === c.class);
          const b = after?.particles.find((p) => p.class === c.class);
          return {
            ...c,
            count: { ...c.count, ...change(a?.count, b?.count) },
            areaFraction: { ...c.areaFraction, ...change(a?.areaFraction, b?.areaFraction) },
            meanArea: { ...c.meanArea, ...change(a?.meanArea, b?.meanArea) },
          };
        }),
        meanThickness: { ...image.meanThickness, ...change(before?.thickness?.mean, after?.thickness?.mean) },
      };
    }),
  };
}
