import type { MissedField } from './interval-calibration.ts';
import type { Interval } from './uncertainty.ts';

/** Where the truth of a quantity lay in the calibration fields where the model found no object of the class. */
export interface MissedRange extends Interval {
  /** Calibration fields it rests on. */
  readonly fields: number;
}

/** One class's ranges, by quantity (sizes only: counts and fractions always have a number). */
export interface ClassMissedRanges {
  readonly class: number;
  readonly ranges: Readonly<Record<string, MissedRange | null>>;
}

/**
 * A prediction interval for a quantity of a field where the model finds no object of the class:
 * there it has no number to put an interval around, yet the truth may have objects (a class the
 * model hardly learned, e.g. small tertiary precipitates). Conformal prediction per group of
 * fields (Mondrian; Vovk et al. 2005) calibrates that group on its own: with the n calibration
 * fields where the model found none as exchangeable draws, the order statistics
 * [t_(i), t_(j)] with i = ⌊(n+1)(1-coverage)/2⌋, j = ⌈(n+1)(1+coverage)/2⌉ hold a new field's
 * truth with probability at least (j-i)/(n+1) >= coverage; below enough fields for i >= 1 the
 * lower end is the quantity's own, 0, and j = ⌈(n+1)·coverage⌉. Null when n is too small.
 */
export function calibrateMissedRange(truths: readonly number[], coverage: number): MissedRange | null {
  const n = truths.length;
  const sorted = [...truths].sort((a, b) => a - b);
  const low = Math.floor(((n + 1) * (1 - coverage)) / 2);
  if (low >= 1) {
    const high = Math.ceil(((n + 1) * (1 + coverage)) / 2);
    if (high <= n) return { low: sorted[low - 1]!, high: sorted[high - 1]!, fields: n };
  }
  const high = Math.ceil((n + 1) * coverage);
  return n > 0 && high <= n ? { low: 0, high: sorted[high - 1]!, fields: n } : null;
}

/** Missed ranges per class and quantity from the fields the model found nothing in (see calibrateMissedRange). */
export function calibrateMissedRanges(missed: readonly MissedField[], classes: readonly number[], coverage: number): ClassMissedRanges[] {
  return classes.map((cls) => {
    const own = missed.filter((f) => f.class === cls);
    const quantities = [...new Set(own.map((f) => f.quantity))];
    return { class: cls, ranges: Object.fromEntries(quantities.map((q) => [q, calibrateMissedRange(own.filter((f) => f.quantity === q).map((f) => f.truth), coverage)])) };
  });
}
