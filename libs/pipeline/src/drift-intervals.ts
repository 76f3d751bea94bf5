import { DEFAULT_COVERAGE, pooledRatioInterval, pooledTotalInterval, twoSidedZ } from '@microseg/metrology';
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

/** A number pooled over the images both versions measured, each side with its pooled interval. */
export type PooledChange<T> = WithIntervals<{ old: T; new: T; delta: T }>;

export type DriftReportWithIntervals = Omit<DriftReport, 'images' | 'dataset'> & {
  /** Per class: the report's sums, and the numbers pooled over the matched images with their intervals. */
  dataset: (DriftReport['dataset'][number] & {
    /** Objects in all matched images. */
    count: PooledChange<number>;
    /** Class pixels over all pixels of the matched images. */
    areaFraction: PooledChange<number>;
    /** Over every object of the matched images; null on a side without objects. */
    meanArea: PooledChange<number | null>;
  })[];
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

/**
 * One side of a class pooled over the matched images (see @microseg/metrology's pooled intervals):
 * a set without intervals counts with its value alone; the pooled interval is null when no set
 * of the side has intervals (reports of sets measured before them stay as they were).
 */
function pooledSide(report: DriftReport, side: 'old' | 'new', cls: number, intervals: ReadonlyMap<string, SetIntervals | null>, pixels: ReadonlyMap<string, number>) {
  const z = twoSidedZ(DEFAULT_COVERAGE);
  const shares = report.images.map((image) => {
    const c = image.classes.find((x) => x.class === cls);
    const own = intervals.get(image.imageId)?.particles.find((p) => p.class === cls);
    const count = c?.count[side] ?? 0;
    return { count, areaFraction: c?.areaFraction[side] ?? 0, meanArea: c?.meanArea[side] ?? null, pixels: pixels.get(image.imageId) ?? 0, own, hasIntervals: Boolean(intervals.get(image.imageId)) };
  });
  const totalPixels = shares.reduce((n, s) => n + s.pixels, 0);
  const objects = shares.reduce((n, s) => n + s.count, 0);
  const anyIntervals = shares.some((s) => s.hasIntervals);
  const areaParts = shares.map((s) => ({ y: s.areaFraction * s.pixels, x: s.pixels, interval: s.own?.areaFraction ?? null }));
  const sizeParts = shares.filter((s) => s.meanArea !== null).map((s) => ({ y: s.meanArea! * s.count, x: s.count, interval: s.own?.meanArea ?? null }));
  const areaFraction = anyIntervals ? pooledRatioInterval(areaParts, z) : null;
  return {
    count: { value: objects, interval: anyIntervals ? pooledTotalInterval(shares.map((s) => ({ value: s.count, interval: s.own?.count ?? null })), z) : null },
    areaFraction: {
      value: totalPixels ? areaParts.reduce((n, p) => n + p.y, 0) / totalPixels : 0,
      interval: areaFraction ? { low: Math.max(0, areaFraction.low), high: Math.min(1, areaFraction.high) } : null,
    },
    meanArea: {
      value: objects && sizeParts.length ? sizeParts.reduce((n, p) => n + p.y, 0) / sizeParts.reduce((n, p) => n + p.x, 0) : null,
      interval: anyIntervals ? pooledRatioInterval(sizeParts, z) : null,
    },
  };
}

function pooledChange<T extends number | null>(a: { value: T; interval: Interval | null }, b: { value: T; interval: Interval | null }): PooledChange<T> {
  const delta = (a.value === null || b.value === null ? null : b.value - a.value) as T;
  return { old: a.value, new: b.value, delta, ...change(a.interval, b.interval) };
}

/**
 * Adds each side's interval to every number of a drift report, and whether the change is beyond
 * them; per class, the numbers pooled over the matched images (weighted by `pixels`, each image's
 * pixel count) with pooled intervals.
 */
export function withDriftIntervals(
  report: DriftReport,
  old: ReadonlyMap<string, SetIntervals | null>,
  current: ReadonlyMap<string, SetIntervals | null>,
  pixels: ReadonlyMap<string, number>,
): DriftReportWithIntervals {
  return {
    ...report,
    dataset: report.dataset.map((entry) => {
      const before = pooledSide(report, 'old', entry.class, old, pixels);
      const after = pooledSide(report, 'new', entry.class, current, pixels);
      return {
        ...entry,
        count: pooledChange(before.count, after.count),
        areaFraction: pooledChange(before.areaFraction, after.areaFraction),
        meanArea: pooledChange<number | null>(before.meanArea, after.meanArea),
      };
    }),
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
