/**
 * bench:uncertainty's coating half (an EBC experiment): the layer thickness of each held-out image
 * and quadrant, on the nominal, band and true masks as metrology measures it (the model's
 * foreground as the layer, a profile's default disk and minimum area), with the coverage of its
 * intervals before and after the calibration a version gets at registration (its validation
 * images, @microseg/metrology's calibrateThicknessIntervals), checked on the test images.
 */
import {
  DEFAULT_THICKNESS_MIN_AREA,
  DEFAULT_THICKNESS_RADIUS,
  type Interval,
  type LabelledMasks,
  type LayerDefinition,
  type ThicknessField,
  calibrateThicknessIntervals,
  contains,
  labelledThicknessFields,
  scaleInterval,
} from '@microseg/metrology';

export interface LabelledImage {
  readonly split: 'test' | 'val';
  readonly masks: LabelledMasks;
}

/** The model's foreground (its one class but the background), as a version's calibration takes it. */
const LAYER: LayerDefinition = { classes: [1], radius: DEFAULT_THICKNESS_RADIUS, minArea: DEFAULT_THICKNESS_MIN_AREA };
// A coverage of ~0 gives z ~ 0: the band's spread with no sampling error.
const BAND_ONLY = 1e-9;

const median = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : NaN);

function coverageOf(fields: readonly ThicknessField[], intervalOf: (f: ThicknessField) => Interval | null): string {
  if (fields.length === 0) return '-';
  const hits = fields.filter((f) => contains(intervalOf(f), f.truth)).length;
  const widths = fields.flatMap((f) => {
    const interval = intervalOf(f);
    return interval && f.truth !== 0 ? [(interval.high - interval.low) / Math.abs(f.truth)] : [];
  });
  return `${(hits / fields.length).toFixed(2)} (${hits}/${fields.length}, width ${median(widths).toFixed(2)})`;
}

/** Prints the thickness coverage table of the labelled images (the truth's foreground is the layer). */
export function reportThicknessCoverage(images: readonly LabelledImage[], coverage: number): void {
  const fieldsOf = (split: 'test' | 'val', atCoverage: number) =>
    images.filter((i) => i.split === split).flatMap((i) => labelledThicknessFields(i.masks, LAYER, atCoverage));
  const val = fieldsOf('val', coverage);
  const test = fieldsOf('test', coverage);
  // The same fields with the band's spread alone, in the same order.
  const bandOnly = fieldsOf('test', BAND_ONLY);
  const calibration = calibrateThicknessIntervals(val, LAYER, coverage);
  const calibrated = (f: ThicknessField): Interval => {
    const scale = calibration?.scales[f.quantity];
    if (!scale) return f.interval;
    const wider = scaleInterval(f.estimate, f.interval, scale);
    return { low: Math.max(0, wider.low), high: wider.high };
  };
  console.log(`\nlayer thickness (the model's foreground; disk radius ${LAYER.radius}, minimum area ${LAYER.minArea}), nominal coverage ${coverage}:`);
  console.log(`calibrated on ${val.filter((f) => f.quantity === 'mean').length} validation fields (images and quadrants with a layer on both masks), checked on the test images`);
  console.log(['quantity'.padEnd(12), 'fields   ', 'band only'.padEnd(32), 'before (band ∪ sampling)'.padEnd(32), 'after (calibrated)'.padEnd(32), 'factor'].join(''));
  for (const kind of ['image', 'quadrant', '*'] as const) {
    for (const quantity of ['mean', 'p10', 'p50', 'p90', '*'] as const) {
      const select = (fields: readonly ThicknessField[]) => fields.filter((f) => (kind === '*' || f.kind === kind) && (quantity === '*' || f.quantity === quantity));
      const scale = quantity === '*' ? null : calibration?.scales[quantity];
      const factor = quantity === '*' ? '' : scale ? `${scale.factor.toFixed(2)} (${scale.fields} fields)` : `- (too few fields for ${coverage})`;
      const band = select(bandOnly);
      const bandCoverage = band.length ? `${(band.filter((f) => contains(f.interval, f.truth)).length / band.length).toFixed(2)}` : '-';
      console.log([(quantity === '*' ? 'all' : quantity).padEnd(12), (kind === '*' ? 'all' : kind).padEnd(9), bandCoverage.padEnd(32), coverageOf(select(test), (f) => f.interval).padEnd(32), coverageOf(select(test), calibrated).padEnd(32), factor].join(''));
    }
  }
}
