/** The GraphQL selection of a version's calibrations: what its model card shows of how far to trust its intervals and flags. */
export const CALIBRATION_FIELDS = `intervalCalibration { coverage method images
    classes { class scales { quantity factor floor fields } missedRanges { quantity low high fields } }
    thickness { classes radius minArea scales { quantity factor floor fields } } }
  outOfDistribution { method threshold rule { quantile margin } validationScores trainingImages }`;

export interface CalibrationScale {
  quantity: string;
  factor: number;
  floor: number;
  fields: number;
}

export interface VersionCalibrations {
  classes: { index: number; name: string }[];
  intervalCalibration: {
    coverage: number;
    images: number;
    classes: { class: number; scales: CalibrationScale[]; missedRanges?: { quantity: string; low: number; high: number; fields: number }[] }[];
    thickness: { classes: number[]; radius: number; minArea: number; scales: CalibrationScale[] } | null;
  } | null;
  outOfDistribution: { threshold: number; rule: { quantile: number; margin: number }; validationScores: number[] } | null;
}

const round = (value: number) => Number(value.toPrecision(3));

const scalesText = (scales: CalibrationScale[]) =>
  scales.length ? scales.map((s) => `${s.quantity} ×${s.factor.toFixed(2)}`).join(', ') : 'none (too few validation fields)';

/**
 * The calibration lines of a version's card: the interval scales per class and for the layer (a
 * factor well above 1: the model's own doubt understated its errors on held-out images), and the
 * out-of-distribution threshold, or why there is none.
 */
export function calibrationText(version: VersionCalibrations): string {
  const lines: string[] = [];
  const calibration = version.intervalCalibration;
  if (!calibration) {
    lines.push('interval calibration: none (no validation split, a binary task without a layer, imported, or registered before calibrations)');
  } else {
    const fields = Math.max(0, ...calibration.classes.flatMap((c) => c.scales.map((s) => s.fields)), ...(calibration.thickness?.scales.map((s) => s.fields) ?? []));
    lines.push(`interval calibration: ${Math.round(calibration.coverage * 100)}% nominal coverage, on ${calibration.images} validation images${fields ? ` (${fields} fields)` : ''}; interval sides multiplied by`);
    const nameOf = (index: number) => version.classes.find((c) => c.index === index)?.name;
    for (const c of calibration.classes) {
      const missed = (c.missedRanges ?? []).map((r) => `${r.quantity} ${round(r.low)}-${round(r.high)} ${r.quantity === 'meanArea' ? 'px²' : 'px'}`).join(', ');
      lines.push(`  class ${c.class}${nameOf(c.class) ? ` (${nameOf(c.class)})` : ''}: ${scalesText(c.scales)}${missed ? `; where it finds none: ${missed}` : ''}`);
    }
    const layer = calibration.thickness;
    lines.push(
      layer
        ? `  thickness of classes ${layer.classes.join(', ')} (radius ${layer.radius}, min area ${layer.minArea}): ${scalesText(layer.scales)}`
        : '  thickness: not calibrated (no layer on the validation images)',
    );
  }
  const ood = version.outOfDistribution;
  lines.push(
    ood
      ? `out-of-distribution threshold: ${ood.threshold.toFixed(3)} (${ood.rule.quantile} quantile of ${ood.validationScores.length} validation scores × ${ood.rule.margin})`
      : 'out-of-distribution threshold: none (no validation split, imported, or registered before calibrations)',
  );
  return lines.join('\n');
}
