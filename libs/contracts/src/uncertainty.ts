import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** What a calibration multiplies one quantity's interval sides by (see @microseg/metrology's calibrateIntervalScale). */
const intervalScaleSchema = z.object({
  factor: z.number().min(1),
  /** The smallest side, in pixels (counts and fractions: as they are). */
  floor: z.number().min(0),
  /** Validation fields (images and their quadrants) it rests on. */
  fields: z.number().int().positive(),
});

/**
 * A model version's interval calibration, made at registration on its validation split: per
 * class and quantity (count, areaFraction, meanArea, meanEquivalentDiameter, p10/p50/p90 of the
 * equivalent diameter) the split-conformal factor that makes its intervals hold the ground truth
 * of held-out images at `coverage`, and the same for the layer thickness (mean, p10/p50/p90) of
 * the model's foreground classes. A quantity without enough fields has none (null).
 */
export const intervalCalibrationSchema = z.object({
  coverage: z.number().gt(0).lt(1),
  method: z.string(),
  /** Validation images it rests on. */
  images: z.number().int().nonnegative(),
  classes: z.array(
    z.object({
      class: z.number().int(),
      scales: z.record(z.string(), intervalScaleSchema.nullable()),
      /**
       * By size quantity: where the truth lay (in pixels) in the validation fields where the model
       * found no object of the class (see @microseg/metrology's calibrateMissedRange), the interval
       * a set with no object of the class gets; empty in calibrations made before these were.
       */
      missed: z.record(z.string(), z.object({ low: z.number().min(0), high: z.number().min(0), fields: z.number().int().positive() }).nullable()).default({}),
    }),
  ),
  /**
   * The layer it measured (as a measurement profile's thickness: classes, disk radius, minimum
   * area) and its scales, which apply only to sets measuring that layer; null when no validation
   * image had a layer on both the model's and the true mask (particles), and for calibrations
   * made before thickness was calibrated.
   */
  thickness: z
    .object({
      classes: z.array(z.number().int()).min(1),
      radius: z.number().int().min(0),
      minArea: z.number().int().min(0),
      scales: z.record(z.string(), intervalScaleSchema.nullable()),
    })
    .nullable()
    .default(null),
});
export type IntervalCalibration = z.infer<typeof intervalCalibrationSchema>;

/**
 * A model mask's probability band: the masks at a lower and an upper probability threshold
 * beside the class mask, stored by the inference service in its bucket before it registers the
 * mask, so that they are there when metrology measures it. Where it lies follows from the mask
 * (group, image, model version and the mask's own sha256), so `mask.created` needs no new field
 * and a band always belongs to exactly the bytes it was made with.
 */
export const probabilityBandManifestSchema = z.object({
  /** The thresholds (threshold rule) or the margin high - low (argmax rule) of the band. */
  low: z.number().min(0).max(0.5),
  high: z.number().min(0.5).max(1),
  classRule: z.enum(['threshold', 'argmax']),
  /** 8-bit index PNGs, like the class mask. */
  lower: z.object({ key: z.string(), sha256 }),
  upper: z.object({ key: z.string(), sha256 }),
  /** The model version's interval calibration (null: none), carried to metrology with the band it applies to. */
  intervalCalibration: intervalCalibrationSchema.nullable().default(null),
});
export type ProbabilityBandManifest = z.infer<typeof probabilityBandManifestSchema>;

/** The keys of a model mask's band objects in the inference bucket. */
export function probabilityBandKeys(mask: { groupId: string; imageId: string; modelVersionId: string; maskSha256: string }) {
  const prefix = `probability-bands/${mask.groupId}/${mask.imageId}/${mask.modelVersionId}/${mask.maskSha256}`;
  return { manifest: `${prefix}/band.json`, lower: `${prefix}/lower.png`, upper: `${prefix}/upper.png` };
}

export const intervalSchema = z.object({ low: z.number(), high: z.number() });

export type IntervalValue = z.infer<typeof intervalSchema>;

/** Percentile ("5", "50"...) -> interval, as SampleStatistics' percentiles; null without values. */
const percentileIntervals = z.record(z.string(), intervalSchema.nullable());

/**
 * Intervals of a measurement set's numbers at a nominal coverage, and how they were made: on a
 * model mask, the union over the nominal and band masks of each mask's sampling interval; on
 * any other mask, the sampling interval alone.
 */
export const measurementUncertaintySchema = z.object({
  /** Nominal coverage of the sampling part, e.g. 0.95. */
  coverage: z.number().gt(0).lt(1),
  method: z.string(),
  /** The band the intervals span; null when the mask has none (ground truth, an uploaded mask, a mask from before bands). */
  probabilityBand: z.object({ low: z.number(), high: z.number(), classRule: z.enum(['threshold', 'argmax']) }).nullable(),
  particles: z.array(
    z.object({
      class: z.number().int(),
      count: intervalSchema,
      areaFraction: intervalSchema,
      meanArea: intervalSchema.nullable(),
      meanEquivalentDiameter: intervalSchema.nullable(),
      equivalentDiameterPercentiles: percentileIntervals,
    }),
  ),
  thickness: z.object({ mean: intervalSchema.nullable(), percentiles: percentileIntervals }).nullable(),
});
export type MeasurementUncertainty = z.infer<typeof measurementUncertaintySchema>;
