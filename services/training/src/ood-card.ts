import type { OodCalibration } from '@microseg/contracts';

/** The version's out-of-distribution calibration as a section of the model card its packages carry. */
export function oodCardSection(calibration: OodCalibration | null): string {
  if (!calibration) {
    return '### Out-of-distribution calibration\n\nNone: this version was registered without a validation split to calibrate on; MicroSeg scores its images without a verdict.';
  }
  const scores = calibration.validationScores.map((s) => s.toFixed(3)).join(', ');
  return [
    '### Out-of-distribution calibration',
    '',
    `Method: ${calibration.method} (the deepest encoder features' distance to those of the ${calibration.trainingImages} training images).`,
    `Threshold: ${calibration.threshold.toFixed(3)} = the ${calibration.rule.quantile} quantile of the validation images' scores (${scores}) x ${calibration.rule.margin}.`,
    'MicroSeg flags a segmented image whose score is above it.',
  ].join('\n');
}
