export {
  type IndexMask,
  assertClassValues,
  classIndicator,
  classValuesOf,
  createIndexMask,
} from './index-mask.ts';
export { decodeIndexMask, encodeIndexMask, readIndexMask } from './mask-png.ts';
export { parseClassList } from './class-list.ts';
export {
  type ComponentLabels,
  type Connectivity,
  labelComponents,
} from './connected-components.ts';
export { type RegionProperties, regionProperties } from './region-properties.ts';
export {
  type BorderCorrectedDistribution,
  type ClassParticles,
  type Particle,
  type ParticleAnalysis,
  type ParticleOptions,
  type SizeStatistics,
  analyseParticles,
} from './particles.ts';
export { type LogHistogram, logHistogram } from './log-histogram.ts';
export { type Summary, DEFAULT_PERCENTILES, summarise } from './statistics.ts';
export {
  type LengthUnit,
  type PixelSize,
  type ResultUnit,
  type Scale,
  parsePixelSize,
  scaleOf,
} from './pixel-size.ts';
export {
  type ThicknessMeasurement,
  type ThicknessOptions,
  type ThicknessProfilePoint,
  DEFAULT_THICKNESS_MIN_AREA,
  DEFAULT_THICKNESS_RADIUS,
  cleanLayer,
  measureThickness,
} from './thickness.ts';
export { type MedialAxis, medialAxis } from './medial-axis.ts';
export { squaredDistanceTransform } from './distance-transform.ts';
export {
  type ClassEvaluation,
  type Comparison,
  type EvaluationOptions,
  type SegmentationEvaluation,
  evaluateSegmentation,
} from './evaluation.ts';
export { ACCURACY_COLOURS, accuracyMap, renderAccuracyMap } from './accuracy-map.ts';
export { type MaskComparison, compareMaskPngs } from './mask-comparison.ts';
export {
  type HistogramSeries,
  type PlotFormat,
  areaFractionSpec,
  linearBins,
  renderPlot,
  sizeHistogramSpec,
  thicknessHistogramSpec,
  thicknessProfileSpec,
} from './plots.ts';
export {
  type Interval,
  DEFAULT_COVERAGE,
  areaFractionInterval,
  contains,
  correlatedMeanInterval,
  countInterval,
  meanInterval,
  normalQuantile,
  percentileInterval,
  twoSidedZ,
  unionOf,
} from './uncertainty.ts';
export {
  type ClassIntervals,
  type ClassSample,
  type MaskSample,
  type MeasurementIntervals,
  type ThicknessIntervals,
  type ThicknessSample,
  measurementIntervals,
} from './measurement-intervals.ts';
export {
  type PercentilePart,
  type PoolMember,
  type RatioPart,
  type TotalPart,
  POOLED_METHOD,
  pooledMeasurementIntervals,
  pooledPercentileInterval,
  pooledRatioInterval,
  pooledTotalInterval,
} from './pooled-intervals.ts';
export {
  type CalibratedQuantity,
  type CalibrationField,
  type ClassIntervalScales,
  type FieldView,
  type IntervalScale,
  type LabelledField,
  type LabelledMasks,
  type MissedField,
  type MissedRangesOfClass,
  CALIBRATED_PERCENTILES,
  applyIntervalScales,
  calibrateClassIntervals,
  calibrateIntervalScale,
  cropMask,
  fieldViews,
  labelledFields,
  labelledImageFields,
  particleSample,
  nonconformity,
  quantityInterval,
  quantityValues,
  scaleInterval,
} from './interval-calibration.ts';
export {
  type LayerDefinition,
  type ThicknessField,
  type ThicknessIntervalScales,
  type ThicknessQuantity,
  applyThicknessScales,
  calibrateThicknessIntervals,
  labelledThicknessFields,
  layerSample,
  sameLayer,
  thicknessInterval,
  thicknessValues,
} from './thickness-calibration.ts';
export { type ClassMissedRanges, type MissedRange, calibrateMissedRange, calibrateMissedRanges } from './missed-ranges.ts';
