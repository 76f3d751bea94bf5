/** Summary statistics of a sample, with numpy's definitions (population std, linear percentiles). */
export interface Summary {
  readonly count: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Percentile (0-100) -> value, e.g. { "10": ..., "90": ... }. */
  readonly percentiles: Readonly<Record<string, number | null>>;
}

export const DEFAULT_PERCENTILES = [5, 10, 25, 50, 75, 90, 95] as const;

/** Summarises `values` (not modified); an empty sample gives nulls, never NaN. */
export function summarise(
  values: ArrayLike<number>,
  percentiles: readonly number[] = DEFAULT_PERCENTILES,
): Summary {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  const entries = percentiles.map(
    (p) => [String(p), count ? percentileOfSorted(sorted, p) : null] as const,
  );
  if (count === 0) {
    return {
      count,
      mean: null,
      median: null,
      std: null,
      min: null,
      max: null,
      percentiles: Object.fromEntries(entries),
    };
  }
  const mean = meanOf(sorted);
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (sorted[i]! - mean) ** 2;
  return {
    count,
    mean,
    median: percentileOfSorted(sorted, 50),
    std: Math.sqrt(squares / count),
    min: sorted[0]!,
    max: sorted[count - 1]!,
    percentiles: Object.fromEntries(entries),
  };
}

export function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** numpy's default ('linear') percentile of an ascending sample. */
export function percentileOfSorted(sorted: ArrayLike<number>, percentile: number): number {
  const position = ((sorted.length - 1) * percentile) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below]! + (sorted[above]! - sorted[below]!) * fraction;
}
