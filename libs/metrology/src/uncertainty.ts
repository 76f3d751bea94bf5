import { percentileOfSorted } from './statistics.ts';

/** A closed interval [low, high] around a measured number. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The nominal coverage MicroSeg reports intervals at unless told otherwise. */
export const DEFAULT_COVERAGE = 0.95;

/**
 * The standard normal quantile (inverse CDF), by Acklam's rational approximation (relative error
 * below 1.2e-9): no well-kept npm package does only this, and a statistics library for one
 * function would be a heavy dependency.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = 0.02425;
  if (p < tail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - tail) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** z of a two-sided interval of this coverage (1.96 for 0.95). */
export function twoSidedZ(coverage: number): number {
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage must lie in (0, 1), got ${coverage}`);
  return normalQuantile(0.5 + coverage / 2);
}

/**
 * A count of objects in one field of view as a Poisson variable: the score (Wilson) interval
 * n + z²/2 ± z·sqrt(n + z²/4), which unlike n ± z·sqrt(n) is not empty at n = 0.
 */
export function countInterval(count: number, z: number): Interval {
  const centre = count + (z * z) / 2;
  const half = z * Math.sqrt(count + (z * z) / 4);
  return { low: Math.max(0, centre - half), high: centre + half };
}

/**
 * The mean of a sample ± z standard errors (sample standard deviation over sqrt(n)); a single
 * value has no spread to estimate, so its interval is the value itself. Null for an empty sample.
 */
export function meanInterval(values: ArrayLike<number>, z: number): Interval | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n === 1) return { low: mean, high: mean };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const half = z * Math.sqrt(squares / (n - 1) / n);
  return { low: mean - half, high: mean + half };
}

/**
 * Mean of a sample whose n values are correlated in runs (thickness on neighbouring medial-axis
 * pixels): the standard error of `effectiveCount` independent values.
 */
export function correlatedMeanInterval(values: ArrayLike<number>, effectiveCount: number, z: number): Interval | null {
  const plain = meanInterval(values, z);
  if (!plain || values.length < 2) return plain;
  const inflation = Math.sqrt(values.length / Math.max(1, Math.min(values.length, effectiveCount)));
  const centre = (plain.low + plain.high) / 2;
  const half = ((plain.high - plain.low) / 2) * inflation;
  return { low: centre - half, high: centre + half };
}

/**
 * A distribution-free interval of the p-th percentile (0-100) from order statistics: the ranks
 * n·q ± z·sqrt(n·q·(1-q)) (the normal approximation of the binomial count below the percentile),
 * widened to hold numpy's linear estimate. `sorted` ascending. Null for an empty sample.
 * `effectiveCount` (< n) widens the ranks for values correlated in runs, as correlatedMeanInterval.
 */
export function percentileInterval(sorted: ArrayLike<number>, percentile: number, z: number, effectiveCount?: number): Interval | null {
  const n = sorted.length;
  if (n === 0) return null;
  const q = percentile / 100;
  const inflation = effectiveCount === undefined ? 1 : Math.sqrt(n / Math.max(1, Math.min(n, effectiveCount)));
  const spread = z * Math.sqrt(n * q * (1 - q)) * inflation;
  const lowRank = Math.min(n, Math.max(1, Math.floor(n * q - spread)));
  const highRank = Math.min(n, Math.max(1, Math.ceil(n * q + spread)));
  const estimate = percentileOfSorted(sorted, percentile);
  return { low: Math.min(sorted[lowRank - 1]!, estimate), high: Math.max(sorted[highRank - 1]!, estimate) };
}

/**
 * The area fraction of a class, (Σ aᵢ)/A, with the sampling error of its objects: in a field of
 * Poisson-placed objects Var(Σ aᵢ) ≈ Σ aᵢ², so the standard error is sqrt(Σ aᵢ²)/A. Pixels of
 * the class outside any measured object (none when every pixel belongs to one) carry no error.
 * Clipped to [0, 1].
 */
export function areaFractionInterval(pixelCount: number, objectPixelAreas: ArrayLike<number>, totalPixels: number, z: number): Interval {
  const fraction = totalPixels > 0 ? pixelCount / totalPixels : 0;
  let squares = 0;
  for (let i = 0; i < objectPixelAreas.length; i++) squares += objectPixelAreas[i]! ** 2;
  const half = totalPixels > 0 ? (z * Math.sqrt(squares)) / totalPixels : 0;
  return { low: Math.max(0, fraction - half), high: Math.min(1, fraction + half) };
}

/**
 * The union of the intervals one quantity gets on each mask of the probability band (the
 * nominal mask and the masks at the lower and upper probability thresholds): the spread the
 * model's own doubt allows, widened by the sampling error at each end. Null when no mask gave an
 * interval (no objects on any of them).
 */
export function unionOf(intervals: readonly (Interval | null)[]): Interval | null {
  let low = Infinity;
  let high = -Infinity;
  for (const interval of intervals) {
    if (!interval) continue;
    low = Math.min(low, interval.low);
    high = Math.max(high, interval.high);
  }
  return low === Infinity ? null : { low, high };
}

/** Whether `value` lies in the interval (a calibration hit). */
export function contains(interval: Interval | null, value: number | null): boolean {
  if (value === null) return interval === null;
  return interval !== null && interval.low <= value && value <= interval.high;
}
