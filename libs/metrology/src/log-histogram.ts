/** A histogram with logarithmically spaced bins: size distributions span decades. */
export interface LogHistogram {
  /** bins + 1 ascending edges; bin i holds values in [edges[i], edges[i+1]), the last bin is closed. */
  readonly edges: readonly number[];
  /** Per bin: the number of values, or the sum of their weights when weighted. */
  readonly counts: readonly number[];
}

export const DEFAULT_HISTOGRAM_BINS = 20;

/**
 * Bins positive `values` on edges spaced evenly in log10 between `range` (default: the values' min and
 * max). Non-positive values cannot sit on a log axis and are left out. No values: no bins.
 */
export function logHistogram(
  values: ArrayLike<number>,
  options: { bins?: number; weights?: ArrayLike<number>; range?: readonly [number, number] } = {},
): LogHistogram {
  const bins = options.bins ?? DEFAULT_HISTOGRAM_BINS;
  const [low, high] = options.range ?? positiveRange(values);
  if (!(low > 0) || !(high >= low)) return { edges: [], counts: [] };
  if (low === high)
    return { edges: [low, high], counts: [sumWhere(values, options.weights, (v) => v === low)] };
  const logLow = Math.log10(low);
  const step = (Math.log10(high) - logLow) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) =>
    i === 0 ? low : i === bins ? high : 10 ** (logLow + i * step),
  );
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!(value >= low && value <= high)) continue;
    let bin = Math.min(bins - 1, Math.floor((Math.log10(value) - logLow) / step));
    // Floating point log can put a value one bin off its exact edge; the edges decide.
    while (bin > 0 && value < edges[bin]!) bin--;
    while (bin < bins - 1 && value >= edges[bin + 1]!) bin++;
    counts[bin]! += options.weights ? options.weights[i]! : 1;
  }
  return { edges, counts };
}

function positiveRange(values: ArrayLike<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value > 0 && value < low) low = value;
    if (value > 0 && value > high) high = value;
  }
  return [low, high];
}

function sumWhere(
  values: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  keep: (v: number) => boolean,
) {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (keep(values[i]!)) total += weights ? weights[i]! : 1;
  return total;
}
