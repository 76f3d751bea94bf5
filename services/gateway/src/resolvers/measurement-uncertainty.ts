import type { IntervalCalibration as CalibrationValue, IntervalValue, MeasurementSet, ModelVersion, SourceSummary, MeasurementUncertainty as UncertaintyValue } from '@microseg/contracts';
import type { IntervalCalibration, IntervalQuantity, IntervalScale, MeasurementInterval, MissedRange, MeasurementUncertainty, PercentileInterval, Resolvers } from '../generated/resolvers-types.ts';
import { publicEnumValues } from '../public-enums.ts';

/**
 * The contract's compact intervals in the API's shape: every interval names its coverage and
 * method (so a client reading one number needs nothing else), percentiles as a list.
 */
export function uncertaintyToGraphql(value: UncertaintyValue): MeasurementUncertainty {
  const interval = (v: IntervalValue): MeasurementInterval => ({ ...v, coverage: value.coverage, method: value.method });
  const optional = (v: IntervalValue | null | undefined): MeasurementInterval | null => (v ? interval(v) : null);
  const percentiles = (record: Record<string, IntervalValue | null>): PercentileInterval[] =>
    Object.entries(record)
      .map(([p, v]) => ({ percentile: Number(p), interval: optional(v) }))
      .sort((a, b) => a.percentile - b.percentile);
  return {
    coverage: value.coverage,
    method: value.method,
    probabilityBand: value.probabilityBand,
    particles: value.particles.map((p) => ({
      class: p.class,
      count: interval(p.count),
      areaFraction: interval(p.areaFraction),
      meanArea: optional(p.meanArea),
      meanEquivalentDiameter: optional(p.meanEquivalentDiameter),
      medianEquivalentDiameter: optional(p.equivalentDiameterPercentiles['50']),
      equivalentDiameterPercentiles: percentiles(p.equivalentDiameterPercentiles),
    })),
    thickness: value.thickness
      ? { mean: optional(value.thickness.mean), median: optional(value.thickness.percentiles['50']), percentiles: percentiles(value.thickness.percentiles) }
      : null,
  };
}

const QUANTITIES: ReadonlySet<string> = new Set(Object.values(publicEnumValues.IntervalQuantity));
const isQuantity = (name: string): name is IntervalQuantity => QUANTITIES.has(name);

/** A calibration's scales as a list in a fixed order; quantities without a scale (too few fields) are left out. */
const scalesToGraphql = (scales: CalibrationValue['classes'][number]['scales']): IntervalScale[] =>
  Object.values(publicEnumValues.IntervalQuantity).flatMap((quantity) => {
    const scale = scales[quantity];
    return scale && isQuantity(quantity) ? [{ quantity, ...scale }] : [];
  });

const missedToGraphql = (ranges: CalibrationValue['classes'][number]['missed']): MissedRange[] =>
  Object.values(publicEnumValues.IntervalQuantity).flatMap((quantity) => {
    const range = ranges[quantity];
    return range && isQuantity(quantity) ? [{ quantity, ...range }] : [];
  });

/** A stored calibration in the API's shape; one stored before thickness was calibrated has none. */
export function calibrationToGraphql(value: CalibrationValue): IntervalCalibration {
  const thickness = value.thickness ?? null;
  return {
    coverage: value.coverage,
    method: value.method,
    images: value.images,
    classes: value.classes.map((c) => ({ class: c.class, scales: scalesToGraphql(c.scales), missedRanges: missedToGraphql(c.missed ?? {}) })),
    thickness: thickness ? { classes: thickness.classes, radius: thickness.radius, minArea: thickness.minArea, scales: scalesToGraphql(thickness.scales) } : null,
  };
}

export const measurementUncertaintyResolvers: Resolvers = {
  MeasurementSet: {
    uncertainty: (set: MeasurementSet) => (set.uncertainty ? uncertaintyToGraphql(set.uncertainty) : null),
  },
  ModelVersion: {
    intervalCalibration: (version: ModelVersion) => (version.intervalCalibration ? calibrationToGraphql(version.intervalCalibration) : null),
  },
  SourceMeasurementSummary: {
    uncertainty: (summary: SourceSummary) => (summary.uncertainty ? uncertaintyToGraphql(summary.uncertainty) : null),
  },
};
