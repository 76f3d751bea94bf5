import type { IntervalCalibration, MeasurementUncertainty, ProbabilityBandManifest } from '@microseg/contracts';
import type { MicroSegError } from '@microseg/errors';
import { type MaskSample, type MeasurementIntervals, applyIntervalScales, applyThicknessScales, measurementIntervals, sameLayer } from '@microseg/metrology';
import type { MaskAnalysis } from './mask-analysis.ts';

/** The intervals' nominal coverage (of their sampling part). */
export const MEASUREMENT_COVERAGE = 0.95;

const SAMPLING =
  'sampling intervals: Poisson score interval (counts), compound-Poisson standard error of the object areas (area fractions), ' +
  'normal approximation (means), order statistics (percentiles); thickness values counted once per layer thickness along the medial axis';

function sampleOf(analysis: MaskAnalysis, totalPixels: number, pixelLength: number): MaskSample {
  return {
    totalPixels,
    pixelLength,
    classes: analysis.particles.map((p) => ({
      class: p.statistics.class,
      count: p.statistics.count,
      pixelCount: p.statistics.pixelCount,
      areas: p.objects.area,
      equivalentDiameters: p.objects.equivalentDiameter,
    })),
    thickness: analysis.thickness ? { values: analysis.thickness.values } : null,
  };
}

/**
 * A measurement set's intervals: from the nominal mask alone, or from the union over the nominal
 * mask and the masks at the probability band's thresholds (see measurementIntervals), then
 * widened by the model version's interval calibration when the band carries one (its validation
 * images said how far the truth lay beyond them). The method says which, with the band's thresholds.
 */
export function uncertaintyOf(
  nominal: MaskAnalysis,
  band: { manifest: ProbabilityBandManifest; lower: MaskAnalysis | MicroSegError; upper: MaskAnalysis | MicroSegError } | null,
  field: { totalPixels: number; pixelLength: number },
): MeasurementUncertainty {
  const unmeasured = band ? (['lower', 'upper'] as const).filter((side) => !isAnalysis(band[side])) : [];
  const analyses = band ? [nominal, ...[band.lower, band.upper].filter(isAnalysis)] : [nominal];
  const samples = analyses.map((a) => sampleOf(a, field.totalPixels, field.pixelLength));
  const { manifest } = band ?? {};
  const calibration = manifest?.intervalCalibration ?? null;
  const own = measurementIntervals(samples, { coverage: MEASUREMENT_COVERAGE });
  const { intervals, thicknessNote } = calibration ? calibrated(own, samples[0]!, nominal, calibration) : { intervals: own, thicknessNote: '' };
  const bandText = manifest
    ? manifest.classRule === 'threshold'
      ? `union over the masks at class probability > ${manifest.low}, > 0.5 (nominal) and > ${manifest.high}`
      : `union over the argmax mask and the masks at a margin of ${round(manifest.high - manifest.low)} to the best rival class`
    : 'no probability band (not a model mask, or made before bands): sampling error only';
  const skipped = band
    ? unmeasured.map((side) => ` (the ${side} band mask could not be measured: ${(band[side] as MicroSegError).message})`).join('')
    : '';
  return {
    coverage: intervals.coverage,
    method: `${bandText}${skipped}; each widened by ${MEASUREMENT_COVERAGE * 100}% ${SAMPLING}${
      calibration ? `; then calibrated on the model version's validation images (${calibration.method}${thicknessNote})` : ''
    }`,
    probabilityBand: manifest ? { low: manifest.low, high: manifest.high, classRule: manifest.classRule } : null,
    particles: intervals.particles.map((p) => ({
      class: p.class,
      count: p.count,
      areaFraction: p.areaFraction,
      meanArea: p.meanArea,
      meanEquivalentDiameter: p.meanEquivalentDiameter,
      equivalentDiameterPercentiles: { ...p.equivalentDiameterPercentiles },
    })),
    thickness: intervals.thickness ? { mean: intervals.thickness.mean, percentiles: { ...intervals.thickness.percentiles } } : null,
  };
}

/**
 * The intervals widened by the version's calibration: particles by class; thickness only when the
 * set measured the layer the calibration did (its classes, disk and minimum area), since a scale
 * says nothing of another layer. The note says why thickness was left as it was.
 */
function calibrated(own: MeasurementIntervals, sample: MaskSample, nominal: MaskAnalysis, calibration: IntervalCalibration): { intervals: MeasurementIntervals; thicknessNote: string } {
  const particles = applyIntervalScales(own, sample, calibration.classes, calibration.classes.map((c) => ({ class: c.class, ranges: c.missed ?? {} })));
  const measured = nominal.thickness?.statistics;
  if (!measured) return { intervals: particles, thicknessNote: '' };
  const layer = calibration.thickness;
  if (!layer) return { intervals: particles, thicknessNote: '; thickness not calibrated: the validation images had no layer to measure' };
  if (!sameLayer(layer, measured)) {
    return {
      intervals: particles,
      thicknessNote: `; thickness not calibrated: calibrated on the layer of classes ${layer.classes.join(', ')} (radius ${layer.radius}, minimum area ${layer.minArea}), not this one`,
    };
  }
  return { intervals: applyThicknessScales(particles, sample, layer), thicknessNote: '' };
}

const isAnalysis = (value: MaskAnalysis | MicroSegError): value is MaskAnalysis => 'particles' in value;

const round = (value: number) => Math.round(value * 1e6) / 1e6;
