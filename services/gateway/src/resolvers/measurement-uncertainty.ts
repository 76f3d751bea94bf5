import type { IntervalValue, MeasurementSet, ModelVersion, SourceSummary, MeasurementUncertainty as UncertaintyValue } from '@microseg/contracts';
import type { MeasurementInterval, MeasurementUncertainty, PercentileInterval, Resolvers } from '../generated/resolvers-types.ts';

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

export const measurementUncertaintyResolvers: Resolvers = {
  MeasurementSet: {
    uncertainty: (set: MeasurementSet) => (set.uncertainty ? uncertaintyToGraphql(set.uncertainty) : null),
  },
  ModelVersion: {
    intervalCalibration: (version: ModelVersion) =>
      version.intervalCalibration
        ? {
            ...version.intervalCalibration,
            classes: version.intervalCalibration.classes.map((c) => ({
              class: c.class,
              scales: Object.entries(c.scales).flatMap(([quantity, scale]) => (scale ? [{ quantity, ...scale }] : [])),
            })),
          }
        : null,
  },
  SourceMeasurementSummary: {
    uncertainty: (summary: SourceSummary) => (summary.uncertainty ? uncertaintyToGraphql(summary.uncertainty) : null),
  },
};
