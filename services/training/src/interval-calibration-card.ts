import type { IntervalCalibration } from '@microseg/contracts';

type Scales = IntervalCalibration['classes'][number]['scales'];

const scalesText = (scales: Scales) => {
  const listed = Object.entries(scales).flatMap(([quantity, scale]) => (scale ? [`${quantity} x${scale.factor.toFixed(2)} (${scale.fields} fields)`] : []));
  return listed.length ? listed.join(', ') : 'none (too few validation fields)';
};

const missedText = (ranges: IntervalCalibration['classes'][number]['missed']) => {
  const listed = Object.entries(ranges).flatMap(([quantity, range]) =>
    range ? [`${quantity} ${Number(range.low.toPrecision(3))}-${Number(range.high.toPrecision(3))} ${quantity === 'meanArea' ? 'px²' : 'px'} (${range.fields} fields)`] : [],
  );
  return listed.length ? `; where the model finds no object of it, a set's sizes get the range the truth had there: ${listed.join(', ')}` : '';
};

/**
 * The version's interval calibration as a section of the model card its packages carry: how far
 * its measurement intervals held the truth of its validation images, so that a reader of the
 * package knows how far to trust them.
 */
export function intervalCalibrationCardSection(calibration: IntervalCalibration | null, classNames: readonly { index: number; name: string }[]): string {
  if (!calibration) {
    return '### Measurement interval calibration\n\nNone: this version was registered without a validation split to calibrate on (or is a binary task without a layer); MicroSeg reports the intervals the model\'s probabilities give, uncalibrated.';
  }
  const nameOf = (index: number) => classNames.find((c) => c.index === index)?.name ?? `class ${index}`;
  const thickness = calibration.thickness ?? null;
  return [
    '### Measurement interval calibration',
    '',
    `Nominal coverage: ${Math.round(calibration.coverage * 100)} %, on ${calibration.images} validation images (${calibration.method}).`,
    'MicroSeg multiplies each side of a measurement interval by the factor of its class and quantity; a factor well above 1 means the model was more often wrong than its own probabilities said.',
    '',
    ...calibration.classes.map((c) => `- ${nameOf(c.class)} (class ${c.class}): ${scalesText(c.scales)}${missedText(c.missed ?? {})}`),
    thickness
      ? `- layer thickness (classes ${thickness.classes.join(', ')}, disk radius ${thickness.radius}, minimum area ${thickness.minArea}): ${scalesText(thickness.scales)}`
      : '- layer thickness: not calibrated (no layer on the validation images)',
  ].join('\n');
}
