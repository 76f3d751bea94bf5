import { type IndexMask, createIndexMask } from './index-mask.ts';
import { type ClassIntervals, type MaskSample, type MeasurementIntervals, measurementIntervals } from './measurement-intervals.ts';
import { analyseParticles } from './particles.ts';
import { percentileOfSorted } from './statistics.ts';
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

/** The quantities of a class a calibration scales, named as in ClassIntervals ("p50": the median's percentile interval). */
export type CalibratedQuantity = 'count' | 'areaFraction' | 'meanArea' | 'meanEquivalentDiameter' | `p${number}`;

/** One class's scales, by quantity; a quantity without enough calibration fields has none. */
export interface ClassIntervalScales {
  readonly class: number;
  readonly scales: Readonly<Record<string, IntervalScale | null>>;
}

/** The percentiles calibrated besides counts, fractions and means: the ones the API and CSV show. */
export const CALIBRATED_PERCENTILES = [10, 50, 90] as const;

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** A class's numbers on one mask, by CalibratedQuantity (null: undefined there, e.g. no objects). */
export function quantityValues(sample: MaskSample, cls: number): Record<CalibratedQuantity, number | null> {
  const c = sample.classes.find((x) => x.class === cls) ?? { count: 0, pixelCount: 0, areas: [], equivalentDiameters: [] };
  const sorted = Float64Array.from(c.equivalentDiameters).sort();
  return {
    count: c.count,
    areaFraction: sample.totalPixels ? c.pixelCount / sample.totalPixels : 0,
    meanArea: mean(c.areas),
    meanEquivalentDiameter: mean(c.equivalentDiameters),
    ...Object.fromEntries(CALIBRATED_PERCENTILES.map((p) => [`p${p}`, sorted.length ? percentileOfSorted(sorted, p) : null])),
  };
}

/** A class's interval of one quantity (see quantityValues for the names). */
export function quantityInterval(intervals: ClassIntervals | undefined, quantity: CalibratedQuantity): Interval | null {
  if (!intervals) return null;
  if (quantity.startsWith('p')) return intervals.equivalentDiameterPercentiles[quantity.slice(1)] ?? null;
  return intervals[quantity as 'count' | 'areaFraction' | 'meanArea' | 'meanEquivalentDiameter'];
}

/** The rectangle of a mask at (x0, y0), as a mask of its own. */
export function cropMask(mask: IndexMask, x0: number, y0: number, width: number, height: number): IndexMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = mask.data[(y0 + y) * mask.width + x0 + x]!;
  return createIndexMask(width, height, data);
}

/** A mask's classes measured as 8-connected particles in pixels: the sample a calibration compares. */
export function particleSample(mask: IndexMask, classes: readonly number[]): MaskSample {
  const analysis = analyseParticles(mask, { classes, connectivity: 8 });
  return {
    totalPixels: mask.width * mask.height,
    pixelLength: 1,
    classes: analysis.classes.map((c) => ({
      class: c.class,
      count: c.count,
      pixelCount: c.pixelCount,
      areas: c.objects.map((o) => o.area),
      equivalentDiameters: c.objects.map((o) => o.equivalentDiameter),
    })),
    thickness: null,
  };
}

/** One labelled image's masks: the model's nominal and band masks and the ground truth, all of one size. */
export interface LabelledMasks {
  readonly nominal: IndexMask;
  readonly lower: IndexMask;
  readonly upper: IndexMask;
  readonly truth: IndexMask;
}

/** A field of view a labelled image gives a calibration: the image itself or one of its quadrants. */
export interface FieldView {
  readonly kind: 'image' | 'quadrant';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The whole image and its four quadrants (fields of view of their own, so that a few validation images give enough fields). */
export function fieldViews(width: number, height: number): FieldView[] {
  const half = { w: Math.floor(width / 2), h: Math.floor(height / 2) };
  return [
    { kind: 'image', x: 0, y: 0, w: width, h: height },
    ...(half.w >= 1 && half.h >= 1 ? [0, 1].flatMap((qy) => [0, 1].map((qx): FieldView => ({ kind: 'quadrant', x: qx * half.w, y: qy * half.h, w: half.w, h: half.h }))) : []),
  ];
}

/** A calibration field with where it came from: which class and quantity, the whole image or a quadrant. */
export interface LabelledField extends CalibrationField {
  readonly class: number;
  readonly quantity: CalibratedQuantity;
  readonly kind: 'image' | 'quadrant';
}

/** A field where the truth has a number of a class and the model none (it found no object of the class there). */
export interface MissedField {
  readonly class: number;
  readonly quantity: CalibratedQuantity;
  readonly kind: FieldView['kind'];
  readonly truth: number;
}

/**
 * The fields one labelled image gives a calibration: the whole image and its four quadrants
 * (fields of view of their own, so that a few validation images give enough fields), each class
 * and quantity measured on the masks as metrology measures them (particles, 8-connected, in
 * pixels) with the interval metrology gives the nominal mask's number. Fields where the truth has
 * no number are left out; those where the model has none (no objects) but the truth has are
 * `missed`, for calibrateMissedRanges.
 */
export function labelledImageFields(masks: LabelledMasks, classes: readonly number[], coverage: number): { fields: LabelledField[]; missed: MissedField[] } {
  const fields: LabelledField[] = [];
  const missed: MissedField[] = [];
  for (const view of fieldViews(masks.nominal.width, masks.nominal.height)) {
    const [n, l, u, t] = [masks.nominal, masks.lower, masks.upper, masks.truth].map((m) => particleSample(cropMask(m, view.x, view.y, view.w, view.h), classes)) as [MaskSample, MaskSample, MaskSample, MaskSample];
    const intervals = measurementIntervals([n, l, u], { coverage, percentiles: CALIBRATED_PERCENTILES });
    for (const cls of classes) {
      const estimates = quantityValues(n, cls);
      const truths = quantityValues(t, cls);
      const own = intervals.particles.find((p) => p.class === cls);
      for (const quantity of Object.keys(estimates) as CalibratedQuantity[]) {
        const interval = quantityInterval(own, quantity);
        const estimate = estimates[quantity] ?? null;
        const truth = truths[quantity] ?? null;
        if (truth === null) continue;
        if (estimate === null) missed.push({ class: cls, quantity, kind: view.kind, truth });
        else if (interval !== null) fields.push({ class: cls, quantity, kind: view.kind, estimate, interval, truth });
      }
    }
  }
  return { fields, missed };
}

/** The fields of labelledImageFields where both the model and the truth have a number. */
export function labelledFields(masks: LabelledMasks, classes: readonly number[], coverage: number): LabelledField[] {
  return labelledImageFields(masks, classes, coverage).fields;
}

/** Split-conformal scales per class and quantity from labelled fields (see calibrateIntervalScale). */
export function calibrateClassIntervals(fields: readonly LabelledField[], classes: readonly number[], coverage: number): ClassIntervalScales[] {
  return classes.map((cls) => {
    const own = fields.filter((f) => f.class === cls);
    const quantities = [...new Set(own.map((f) => f.quantity))];
    return { class: cls, scales: Object.fromEntries(quantities.map((q) => [q, calibrateIntervalScale(own.filter((f) => f.quantity === q), coverage)])) };
  });
}

/** The domain a quantity's interval is clipped to. */
const domainOf = (quantity: CalibratedQuantity) => (quantity === 'areaFraction' ? { low: 0, high: 1 } : { low: 0, high: Infinity });

/** Where the truth lay in calibration fields the model found no object of a class in (see missed-ranges.ts), in pixels. */
export interface MissedRangesOfClass {
  readonly class: number;
  readonly ranges: Readonly<Record<string, (Interval & { readonly fields: number }) | null>>;
}

/**
 * A set's intervals with each calibrated quantity's sides scaled (scaleInterval) around the
 * nominal mask's number and clipped to its domain; quantities and classes the calibration has no
 * scale for, and thickness, are left as they were. The floors, calibrated in pixels, are converted
 * to the set's unit by its pixel length (squared for areas). A size the nominal mask has no number
 * of (no objects of the class) gets the class's missed range, in the set's unit, joined with
 * whatever the band's other masks gave.
 */
export function applyIntervalScales(
  intervals: MeasurementIntervals,
  nominal: MaskSample,
  calibration: readonly ClassIntervalScales[],
  missed: readonly MissedRangesOfClass[] = [],
): MeasurementIntervals {
  const length = nominal.pixelLength;
  const floorUnit = (quantity: CalibratedQuantity) => (quantity === 'meanArea' ? length * length : quantity === 'count' || quantity === 'areaFraction' ? 1 : length);
  return {
    ...intervals,
    particles: intervals.particles.map((own) => {
      const scales = calibration.find((c) => c.class === own.class)?.scales ?? {};
      const ranges = missed.find((c) => c.class === own.class)?.ranges ?? {};
      const values = quantityValues(nominal, own.class);
      const scaled = (quantity: CalibratedQuantity, interval: Interval | null): Interval | null => {
        const value = values[quantity] ?? null;
        const range = ranges[quantity];
        if (value === null && range) {
          const unit = floorUnit(quantity);
          const [low, high] = [range.low * unit, range.high * unit];
          return interval ? { low: Math.min(low, interval.low), high: Math.max(high, interval.high) } : { low, high };
        }
        const scale = scales[quantity];
        if (!scale || !interval || value === null) return interval;
        const wider = scaleInterval(value, interval, { ...scale, floor: scale.floor * floorUnit(quantity) });
        const domain = domainOf(quantity);
        return { low: Math.max(domain.low, wider.low), high: Math.min(domain.high, wider.high) };
      };
      return {
        ...own,
        count: scaled('count', own.count)!,
        areaFraction: scaled('areaFraction', own.areaFraction)!,
        meanArea: scaled('meanArea', own.meanArea),
        meanEquivalentDiameter: scaled('meanEquivalentDiameter', own.meanEquivalentDiameter),
        equivalentDiameterPercentiles: Object.fromEntries(
          Object.entries(own.equivalentDiameterPercentiles).map(([p, interval]) => [p, scaled(`p${p}` as CalibratedQuantity, interval)]),
        ),
      };
    }),
  };
}
