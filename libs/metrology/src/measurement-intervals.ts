import { DEFAULT_PERCENTILES } from './statistics.ts';
import {
  type Interval,
  areaFractionInterval,
  correlatedMeanInterval,
  countInterval,
  meanInterval,
  percentileInterval,
  twoSidedZ,
  unionOf,
} from './uncertainty.ts';

/** One class's objects as measured on one mask; areas in unit², lengths in unit. */
export interface ClassSample {
  readonly class: number;
  readonly count: number;
  readonly pixelCount: number;
  readonly areas: readonly number[];
  readonly equivalentDiameters: readonly number[];
}

export interface ThicknessSample {
  /** Thickness on every medial-axis pixel, in unit. */
  readonly values: readonly number[];
}

/** What one mask (the nominal one, or one at a band threshold) gave. */
export interface MaskSample {
  readonly totalPixels: number;
  /** unit per pixel side (1 in pixels). */
  readonly pixelLength: number;
  readonly classes: readonly ClassSample[];
  readonly thickness: ThicknessSample | null;
}

export interface ClassIntervals {
  readonly class: number;
  readonly count: Interval;
  readonly areaFraction: Interval;
  readonly meanArea: Interval | null;
  readonly meanEquivalentDiameter: Interval | null;
  /** Percentile (as in SampleStatistics, "50" the median) -> interval; null without objects. */
  readonly equivalentDiameterPercentiles: Readonly<Record<string, Interval | null>>;
}

export interface ThicknessIntervals {
  readonly mean: Interval | null;
  readonly percentiles: Readonly<Record<string, Interval | null>>;
}

export interface MeasurementIntervals {
  readonly coverage: number;
  readonly particles: readonly ClassIntervals[];
  readonly thickness: ThicknessIntervals | null;
}

/**
 * Intervals for every number of a measurement set. Each mask of the probability band (`masks[0]`
 * the nominal one; without a band, it alone) gives each quantity a sampling interval at
 * `coverage` (Poisson counts, compound-Poisson area fractions, normal means, order-statistic
 * percentiles); the reported interval is their union, so it holds the point estimate, the
 * spread between the thresholds, and the sampling error at each end.
 */
export function measurementIntervals(
  masks: readonly MaskSample[],
  options: { coverage: number; percentiles?: readonly number[] },
): MeasurementIntervals {
  if (masks.length === 0) throw new RangeError('measurementIntervals needs at least the nominal mask');
  const z = twoSidedZ(options.coverage);
  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  const nominal = masks[0]!;
  const particles = nominal.classes.map((first): ClassIntervals => {
    const samples = masks.map((mask) => ({ mask, sample: mask.classes.find((c) => c.class === first.class) }));
    const per = <T>(measure: (sample: ClassSample, mask: MaskSample) => T | null): (T | null)[] =>
      samples.map(({ mask, sample }) => measure(sample ?? emptyClass(first.class), mask));
    return {
      class: first.class,
      count: unionOf(per((s) => countInterval(s.count, z)))!,
      areaFraction: unionOf(
        per((s, m) => areaFractionInterval(s.pixelCount, s.areas.map((a) => a / m.pixelLength ** 2), m.totalPixels, z)),
      )!,
      meanArea: unionOf(per((s) => meanInterval(s.areas, z))),
      meanEquivalentDiameter: unionOf(per((s) => meanInterval(s.equivalentDiameters, z))),
      equivalentDiameterPercentiles: Object.fromEntries(
        percentiles.map((p) => [String(p), unionOf(per((s) => percentileInterval(sortedOf(s.equivalentDiameters), p, z)))]),
      ),
    };
  });
  const thickness = nominal.thickness
    ? {
        mean: unionOf(masks.map((m) => (m.thickness ? correlatedMeanInterval(m.thickness.values, thicknessRuns(m), z) : null))),
        percentiles: Object.fromEntries(
          percentiles.map((p) => [
            String(p),
            unionOf(masks.map((m) => (m.thickness ? percentileInterval(sortedOf(m.thickness.values), p, z, thicknessRuns(m)) : null))),
          ]),
        ),
      }
    : null;
  return { coverage: options.coverage, particles, thickness };
}

/**
 * Neighbouring medial-axis pixels see the same stretch of layer: a value is roughly independent
 * of the next only a layer thickness further along, so n pixels hold about n / (mean thickness
 * in pixels) independent values.
 */
function thicknessRuns(mask: MaskSample): number {
  const values = mask.thickness!.values;
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const meanPixels = sum / values.length / mask.pixelLength;
  return values.length / Math.max(1, meanPixels);
}

function sortedOf(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function emptyClass(value: number): ClassSample {
  return { class: value, count: 0, pixelCount: 0, areas: [], equivalentDiameters: [] };
}
