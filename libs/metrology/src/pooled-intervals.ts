import type { ClassSample, MeasurementIntervals } from './measurement-intervals.ts';
import { DEFAULT_PERCENTILES, percentileOfSorted } from './statistics.ts';
import { type Interval, countInterval, percentileInterval, twoSidedZ, unionOf } from './uncertainty.ts';

/**
 * One measurement set's share of a pooled ratio R = Σyᵢ / Σxᵢ (area fraction: class pixels over
 * pixels; mean size: the sum of sizes over the count), with that set's own interval of yᵢ / xᵢ
 * (null: the set has none, measured before intervals).
 */
export interface RatioPart {
  readonly y: number;
  readonly x: number;
  readonly interval: Interval | null;
}

/**
 * The interval of a ratio pooled over measurement sets, as the union of two parts:
 * - sampling across images: the ratio estimator's standard error with each image as a cluster,
 *   sqrt(m/(m-1) Σ(yᵢ - R·xᵢ)²) / Σxᵢ (from two images on; what a different set of fields of
 *   view of the same material would give);
 * - each set's own interval, moved together: [Σxᵢ·lowᵢ / Σxᵢ, Σxᵢ·highᵢ / Σxᵢ]. A probability
 *   threshold moves every image's mask the same way, so the model's doubt does not average out
 *   over images as sampling error does. With one set this is that set's interval.
 * Sets with xᵢ = 0 (no pixels, no objects) hold no share. Null when no set does.
 */
export function pooledRatioInterval(parts: readonly RatioPart[], z: number): Interval | null {
  const held = parts.filter((p) => p.x > 0);
  if (held.length === 0) return null;
  const sumX = held.reduce((n, p) => n + p.x, 0);
  const ratio = held.reduce((n, p) => n + p.y, 0) / sumX;
  let sampling: Interval | null = null;
  if (held.length >= 2) {
    const m = held.length;
    const squares = held.reduce((n, p) => n + (p.y - ratio * p.x) ** 2, 0);
    const half = (z * Math.sqrt((m / (m - 1)) * squares)) / sumX;
    sampling = { low: ratio - half, high: ratio + half };
  }
  const together = {
    low: held.reduce((n, p) => n + p.x * (p.interval?.low ?? p.y / p.x), 0) / sumX,
    high: held.reduce((n, p) => n + p.x * (p.interval?.high ?? p.y / p.x), 0) / sumX,
  };
  return unionOf([{ low: ratio, high: ratio }, sampling, together]);
}

/** One set's value of a pooled total (a count) with its own interval. */
export interface TotalPart {
  readonly value: number;
  readonly interval: Interval | null;
}

/**
 * The interval of a total over measurement sets (the objects counted in every image): the union
 * of the sets' own intervals moved together [Σlowᵢ, Σhighᵢ], the Poisson score interval of the
 * total, and, from two images on, the spread between images, Σnᵢ ± z·sqrt(m·s²) (objects are
 * rarely placed as evenly as Poisson's variance says).
 */
export function pooledTotalInterval(parts: readonly TotalPart[], z: number): Interval {
  const total = parts.reduce((n, p) => n + p.value, 0);
  const m = parts.length;
  let spread: Interval | null = null;
  if (m >= 2) {
    const mean = total / m;
    const variance = parts.reduce((n, p) => n + (p.value - mean) ** 2, 0) / (m - 1);
    const half = z * Math.sqrt(m * variance);
    spread = { low: Math.max(0, total - half), high: total + half };
  }
  const together = {
    low: parts.reduce((n, p) => n + (p.interval?.low ?? p.value), 0),
    high: parts.reduce((n, p) => n + (p.interval?.high ?? p.value), 0),
  };
  return unionOf([countInterval(total, z), spread, together])!;
}

/** One set's share of a pooled percentile: its weight (objects), its own percentile and interval. */
export interface PercentilePart {
  readonly weight: number;
  readonly value: number | null;
  readonly interval: Interval | null;
}

/**
 * The interval of a percentile of the pooled objects: the union of `pooledSampling` (the order
 * statistics of the pooled sample, see percentileInterval) and the sets' own intervals moved
 * together, as shares of their own percentile weighted by their objects, applied to the pooled
 * percentile (percentiles do not add, their relative shifts do). Null without a pooled value.
 */
export function pooledPercentileInterval(
  pooled: number | null,
  pooledSampling: Interval | null,
  parts: readonly PercentilePart[],
): Interval | null {
  if (pooled === null) return null;
  const held = parts.filter((p) => p.weight > 0 && p.value !== null && p.value > 0);
  const weights = held.reduce((n, p) => n + p.weight, 0);
  let together: Interval | null = null;
  if (weights > 0) {
    const share = (end: 'low' | 'high') => held.reduce((n, p) => n + p.weight * ((p.interval?.[end] ?? p.value!) / p.value!), 0) / weights;
    together = { low: pooled * share('low'), high: pooled * share('high') };
  }
  return unionOf([{ low: pooled, high: pooled }, pooledSampling, together]);
}

/** The method text of pooled intervals, beside the sets' own method. */
export const POOLED_METHOD =
  'pooled over measurement sets: the union of the sampling error across images (ratio estimator with each image as a cluster; ' +
  'for counts the spread between images and the Poisson interval of the total) and the sets\' own intervals moved together ' +
  '(weighted by pixels, objects or thickness values; a probability threshold moves every image the same way)';

/** One measurement set as pooling reads it: its nominal mask's objects and its own intervals. */
export interface PoolMember {
  readonly totalPixels: number;
  readonly classes: readonly ClassSample[];
  /** Thickness on every medial-axis pixel; null without a layer class. */
  readonly thickness: readonly number[] | null;
  readonly intervals: Pick<MeasurementIntervals, 'particles' | 'thickness'> | null;
}

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);
const sortedOf = (values: readonly number[]) => Float64Array.from(values).sort();
const percentileOf = (values: readonly number[], p: number) => (values.length ? percentileOfSorted(sortedOf(values), p) : null);

/**
 * Intervals of the numbers of measurement sets pooled together (a dataset summary's source): the
 * same quantities as a set's (see measurementIntervals), pooled as pooledRatioInterval,
 * pooledTotalInterval and pooledPercentileInterval say. Classes are those of any member.
 */
export function pooledMeasurementIntervals(
  members: readonly PoolMember[],
  options: { coverage: number; percentiles?: readonly number[] },
): MeasurementIntervals {
  const z = twoSidedZ(options.coverage);
  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  const classIds = [...new Set(members.flatMap((m) => m.classes.map((c) => c.class)))].sort((a, b) => a - b);
  const particles = classIds.map((value) => {
    const shares = members.map((m) => ({
      sample: m.classes.find((c) => c.class === value) ?? { class: value, count: 0, pixelCount: 0, areas: [], equivalentDiameters: [] },
      own: m.intervals?.particles.find((p) => p.class === value) ?? null,
      totalPixels: m.totalPixels,
    }));
    const pooledDiameters = sortedOf(shares.flatMap((s) => s.sample.equivalentDiameters));
    const areaFraction = pooledRatioInterval(shares.map((s) => ({ y: s.sample.pixelCount, x: s.totalPixels, interval: s.own?.areaFraction ?? null })), z);
    return {
      class: value,
      count: pooledTotalInterval(shares.map((s) => ({ value: s.sample.count, interval: s.own?.count ?? null })), z),
      areaFraction: areaFraction ? { low: Math.max(0, areaFraction.low), high: Math.min(1, areaFraction.high) } : { low: 0, high: 0 },
      meanArea: pooledRatioInterval(shares.map((s) => ({ y: sum(s.sample.areas), x: s.sample.areas.length, interval: s.own?.meanArea ?? null })), z),
      meanEquivalentDiameter: pooledRatioInterval(
        shares.map((s) => ({ y: sum(s.sample.equivalentDiameters), x: s.sample.equivalentDiameters.length, interval: s.own?.meanEquivalentDiameter ?? null })),
        z,
      ),
      equivalentDiameterPercentiles: Object.fromEntries(
        percentiles.map((p) => [
          String(p),
          pooledPercentileInterval(
            pooledDiameters.length ? percentileOfSorted(pooledDiameters, p) : null,
            percentileInterval(pooledDiameters, p, z),
            shares.map((s) => ({
              weight: s.sample.equivalentDiameters.length,
              value: percentileOf(s.sample.equivalentDiameters, p),
              interval: s.own?.equivalentDiameterPercentiles[String(p)] ?? null,
            })),
          ),
        ]),
      ),
    };
  });
  const layered = members.filter((m) => m.thickness !== null);
  let thickness: MeasurementIntervals['thickness'] = null;
  if (layered.length > 0) {
    const pooledValues = sortedOf(layered.flatMap((m) => m.thickness!));
    thickness = {
      mean: pooledRatioInterval(layered.map((m) => ({ y: sum(m.thickness!), x: m.thickness!.length, interval: m.intervals?.thickness?.mean ?? null })), z),
      percentiles: Object.fromEntries(
        percentiles.map((p) => [
          String(p),
          // Order statistics of pooled medial-axis pixels would count each layer stretch many times: the sets' own intervals carry it.
          pooledPercentileInterval(
            pooledValues.length ? percentileOfSorted(pooledValues, p) : null,
            null,
            layered.map((m) => ({ weight: m.thickness!.length, value: percentileOf(m.thickness!, p), interval: m.intervals?.thickness?.percentiles[String(p)] ?? null })),
          ),
        ]),
      ),
    };
  }
  return { coverage: options.coverage, particles, thickness };
}
