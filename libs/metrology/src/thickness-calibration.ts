import { isMicroSegError } from '@microseg/errors';
import type { IndexMask } from './index-mask.ts';
import {
  type CalibrationField,
  type FieldView,
  type IntervalScale,
  type LabelledMasks,
  CALIBRATED_PERCENTILES,
  calibrateIntervalScale,
  cropMask,
  fieldViews,
  scaleInterval,
} from './interval-calibration.ts';
import { type MaskSample, type MeasurementIntervals, type ThicknessIntervals, type ThicknessSample, measurementIntervals } from './measurement-intervals.ts';
import { percentileOfSorted } from './statistics.ts';
import { measureThickness } from './thickness.ts';
import type { Interval } from './uncertainty.ts';

/**
 * Which layer a thickness calibration measured, as measureThickness takes it: a scale calibrated
 * on one layer says nothing of another (a layer of other classes, or smoothed with another disk).
 */
export interface LayerDefinition {
  readonly classes: readonly number[];
  readonly radius: number;
  readonly minArea: number;
}

/** The thickness numbers a calibration scales: the mean, and the percentiles ("p50": the median) the API and CSV show. */
export type ThicknessQuantity = 'mean' | `p${number}`;

/** A layer's scales, by ThicknessQuantity; a quantity without enough calibration fields has none. */
export interface ThicknessIntervalScales extends LayerDefinition {
  readonly scales: Readonly<Record<string, IntervalScale | null>>;
}

/** A thickness calibration field with where it came from. */
export interface ThicknessField extends CalibrationField {
  readonly quantity: ThicknessQuantity;
  readonly kind: FieldView['kind'];
}

/**
 * The layer's thickness on a mask, in pixels; null where there is no layer to measure: none of its
 * pixels survive the cleaning, no medial axis, or a layer covering the whole field (which
 * measureThickness refuses, having no background to measure to).
 */
export function layerSample(mask: IndexMask, layer: LayerDefinition): ThicknessSample | null {
  try {
    const measured = measureThickness(mask, { classes: layer.classes, radius: layer.radius, minArea: layer.minArea });
    return measured.values.length > 0 ? { values: measured.values } : null;
  } catch (error) {
    if (isMicroSegError(error) && error.code === 'INVALID_INPUT') return null;
    throw error;
  }
}

/** The layer's numbers by ThicknessQuantity (null: no layer). */
export function thicknessValues(sample: ThicknessSample | null): Record<ThicknessQuantity, number | null> {
  const sorted = Float64Array.from(sample?.values ?? []).sort();
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
  return {
    mean,
    ...Object.fromEntries(CALIBRATED_PERCENTILES.map((p) => [`p${p}`, sorted.length ? percentileOfSorted(sorted, p) : null])),
  };
}

/** The layer's interval of one quantity. */
export function thicknessInterval(intervals: ThicknessIntervals | null, quantity: ThicknessQuantity): Interval | null {
  if (!intervals) return null;
  return quantity === 'mean' ? intervals.mean : (intervals.percentiles[quantity.slice(1)] ?? null);
}

/**
 * The thickness fields one labelled image gives a calibration, on the same fields of view as its
 * particle fields (fieldViews): the layer measured on the nominal, band and true masks as
 * metrology measures it (measureThickness, in pixels), with the interval metrology gives the
 * nominal mask's number. A field where the model or the truth has no layer is left out: there is
 * no number to cover there, and a coating's field always has one.
 */
export function labelledThicknessFields(masks: LabelledMasks, layer: LayerDefinition, coverage: number): ThicknessField[] {
  const fields: ThicknessField[] = [];
  for (const view of fieldViews(masks.nominal.width, masks.nominal.height)) {
    const crop = (mask: IndexMask) => cropMask(mask, view.x, view.y, view.w, view.h);
    const nominal = layerSample(crop(masks.nominal), layer);
    const truth = layerSample(crop(masks.truth), layer);
    if (!nominal || !truth) continue;
    const samples = [nominal, layerSample(crop(masks.lower), layer), layerSample(crop(masks.upper), layer)].map(
      (thickness): MaskSample => ({ totalPixels: view.w * view.h, pixelLength: 1, classes: [], thickness }),
    );
    const intervals = measurementIntervals(samples, { coverage, percentiles: CALIBRATED_PERCENTILES }).thickness;
    const estimates = thicknessValues(nominal);
    const truths = thicknessValues(truth);
    for (const quantity of Object.keys(estimates) as ThicknessQuantity[]) {
      const interval = thicknessInterval(intervals, quantity);
      const estimate = estimates[quantity] ?? null;
      const value = truths[quantity] ?? null;
      if (estimate === null || value === null || interval === null) continue;
      fields.push({ quantity, kind: view.kind, estimate, interval, truth: value });
    }
  }
  return fields;
}

/** Split-conformal scales per thickness quantity (see calibrateIntervalScale); null when no field had a layer on both masks. */
export function calibrateThicknessIntervals(fields: readonly ThicknessField[], layer: LayerDefinition, coverage: number): ThicknessIntervalScales | null {
  if (fields.length === 0) return null;
  const quantities = [...new Set(fields.map((f) => f.quantity))];
  return {
    classes: [...layer.classes],
    radius: layer.radius,
    minArea: layer.minArea,
    scales: Object.fromEntries(quantities.map((q) => [q, calibrateIntervalScale(fields.filter((f) => f.quantity === q), coverage)])),
  };
}

/** Whether a set's thickness was measured on the layer a calibration was made on (same classes, disk and minimum area). */
export function sameLayer(a: LayerDefinition, b: LayerDefinition): boolean {
  const classes = (layer: LayerDefinition) => [...new Set(layer.classes)].sort((x, y) => x - y).join(',');
  return classes(a) === classes(b) && a.radius === b.radius && a.minArea === b.minArea;
}

/**
 * A set's intervals with each calibrated thickness quantity's sides scaled (scaleInterval) around
 * the nominal mask's number and kept at or above 0; the floors, calibrated in pixels, are converted
 * to the set's unit by its pixel length. The caller checks that the set measured the calibration's
 * layer (sameLayer); particles are left as they were.
 */
export function applyThicknessScales(intervals: MeasurementIntervals, nominal: MaskSample, calibration: ThicknessIntervalScales): MeasurementIntervals {
  const own = intervals.thickness;
  if (!own || !nominal.thickness) return intervals;
  const values = thicknessValues(nominal.thickness);
  const scaled = (quantity: ThicknessQuantity, interval: Interval | null): Interval | null => {
    const scale = calibration.scales[quantity];
    const value = values[quantity] ?? null;
    if (!scale || !interval || value === null) return interval;
    const wider = scaleInterval(value, interval, { ...scale, floor: scale.floor * nominal.pixelLength });
    return { low: Math.max(0, wider.low), high: wider.high };
  };
  return {
    ...intervals,
    thickness: {
      mean: scaled('mean', own.mean),
      percentiles: Object.fromEntries(Object.entries(own.percentiles).map(([p, interval]) => [p, scaled(`p${p}` as ThicknessQuantity, interval)])),
    },
  };
}
