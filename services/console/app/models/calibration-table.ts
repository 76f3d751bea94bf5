/** One scale as the API answers it: the quantity in ALL_CAPS (IntervalQuantity). */
export interface ScaleView {
  quantity: string;
  factor: number;
  fields: number;
}

export interface MissedRangeView {
  quantity: string;
  low: number;
  high: number;
}

export interface IntervalCalibrationView {
  classes: readonly { class: number; scales: readonly ScaleView[]; missedRanges?: readonly MissedRangeView[] }[];
  thickness: { classes: readonly number[]; radius: number; minArea: number; scales: readonly ScaleView[] } | null;
}

export interface CalibrationTable {
  /** Column headings, in the API's order of quantities. */
  quantities: { quantity: string; label: string }[];
  rows: { label: string; cells: (ScaleView | null)[] }[];
}

const QUANTITY_LABELS: Record<string, string> = {
  COUNT: 'count',
  AREA_FRACTION: 'area fraction',
  MEAN_AREA: 'mean area',
  MEAN_EQUIVALENT_DIAMETER: 'mean diameter',
  MEAN: 'mean thickness',
  P10: '10th percentile',
  P50: 'median',
  P90: '90th percentile',
};

/**
 * A calibration as a table: a row per class and one for the layer, a column per quantity any of
 * them has a scale for; a missing cell is a quantity too few validation fields backed.
 */
export function calibrationTable(calibration: IntervalCalibrationView, classNames: readonly { index: number; name: string }[]): CalibrationTable {
  const nameOf = (index: number) => classNames.find((c) => c.index === index)?.name ?? `class ${index}`;
  const rows = [
    ...calibration.classes.map((c) => ({ label: nameOf(c.class), scales: c.scales })),
    ...(calibration.thickness
      ? [{ label: `thickness of ${calibration.thickness.classes.map(nameOf).join(' + ')}`, scales: calibration.thickness.scales }]
      : []),
  ];
  const present = new Set(rows.flatMap((row) => row.scales.map((s) => s.quantity)));
  const quantities = Object.keys(QUANTITY_LABELS)
    .filter((quantity) => present.has(quantity))
    .map((quantity) => ({ quantity, label: QUANTITY_LABELS[quantity]! }));
  return {
    quantities,
    rows: rows.map((row) => ({ label: row.label, cells: quantities.map(({ quantity }) => row.scales.find((s) => s.quantity === quantity) ?? null) })),
  };
}

/**
 * The size ranges a set gets for a class the model found no object of, per class, in words
 * ("tertiary: mean area 0-41 px², median 0-7.2 px"); classes without any are left out.
 */
export function missedRangeLines(calibration: IntervalCalibrationView, classNames: readonly { index: number; name: string }[]): string[] {
  const nameOf = (index: number) => classNames.find((c) => c.index === index)?.name ?? `class ${index}`;
  const round = (value: number) => Number(value.toPrecision(3));
  return calibration.classes.flatMap((c) => {
    const ranges = c.missedRanges ?? [];
    if (ranges.length === 0) return [];
    const text = ranges.map((r) => `${QUANTITY_LABELS[r.quantity] ?? r.quantity} ${round(r.low)}-${round(r.high)} ${r.quantity === 'MEAN_AREA' ? 'px²' : 'px'}`);
    return [`${nameOf(c.class)}: ${text.join(', ')}`];
  });
}
