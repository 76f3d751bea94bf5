import type { Interval } from './uncertainty.ts';

/**
 * One labelled field of view of a calibration split: the model's number, its interval (band ∪
 * sampling) and the number measured on the ground-truth mask.
 */
export interface CalibrationField {
  readonly estimate: number;
  readonly interval: Interval;
  readonly truth: number;
}

/**
 * Below this a side of an interval counts as this wide, as a share of the larger of |estimate| and
 * |truth| over the calibration fields: a class the model never finds has a zero-width area fraction
 * interval at 0, which no factor could widen.
 */
const RELATIVE_FLOOR = 0.02;

/**
 * How many times its own side of the interval the truth lay from the estimate: (truth - estimate)
 * over (high - estimate) above, (estimate - truth) over (estimate - low) below; 0 inside...1, > 1
 * outside. The sides keep the interval's shape (a skewed band stays skewed).
 */
export function nonconformity(field: CalibrationField, floor: number): number {
  const { estimate, interval, truth } = field;
  const side = truth >= estimate ? interval.high - estimate : estimate - interval.low;
  return Math.abs(truth - estimate) / Math.max(side, floor);
}

/** What a calibration gives one quantity: the factor its intervals' sides are multiplied by. */
export interface IntervalScale {
  readonly factor: number;
  /** Absolute floor of a side (see RELATIVE_FLOOR), in the quantity's unit. */
  readonly floor: number;
  /** Calibration fields it rests on. */
  readonly fields: number;
}

/**
 * Split-conformal calibration of one quantity's intervals: the ⌈(n+1)·coverage⌉-th smallest
 * nonconformity of n labelled fields the model never trained on. Scaling an interval's sides by it
 * covers the truth of a new field with probability at least `coverage` when fields are
 * exchangeable (Vovk et al.; Angelopoulos & Bates 2021, "A gentle introduction to conformal
 * prediction"). Never below 1: calibration widens the model's own intervals, it does not narrow
 * them. Null when n is too small for that coverage (n < coverage / (1 - coverage)).
 */
export function calibrateIntervalScale(fields: readonly CalibrationField[], coverage: number): IntervalScale | null {
  const n = fields.length;
  const rank = Math.ceil((n + 1) * coverage);
  if (n === 0 || rank > n) return null;
  const magnitude = fields.reduce((m, f) => Math.max(m, Math.abs(f.estimate), Math.abs(f.truth)), 0);
  const floor = RELATIVE_FLOOR * magnitude;
  const scores = fields.map((f) => nonconformity(f, floor)).sort((a, b) => a - b);
  return { factor: Math.max(1, scores[rank - 1]!), floor, fields: n };
}

/** The interval with its sides (each at least the scale's floor) multiplied by the scale's factor. */
export function scaleInterval(estimate: number, interval: Interval, scale: IntervalScale): Interval {
  const below = Math.max(estimate - interval.low, scale.floor);
  const above = Math.max(interval.high - estimate, scale.floor);
  return { low: estimate - scale.factor * below, high: estimate + scale.factor * above };
}
