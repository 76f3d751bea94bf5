import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256');

/**
 * How an image's out-of-distribution score is computed. `encoder-feature-distance`: the distance of
 * the version's deepest encoder features on the image to those of its training images (per
 * channel in training standard deviations, root mean square over channels, mean over positions).
 */
export const oodMethodSchema = z.enum(['encoder-feature-distance']);
export type OodMethod = z.infer<typeof oodMethodSchema>;

/** The training images' features the score measures against (a diagonal Gaussian per channel). */
export const featureReferenceSchema = z.object({
  dims: z.number().int().positive(),
  mean: z.array(z.number()),
  variance: z.array(z.number().nonnegative()),
  samples: z.number().int().positive(),
  images: z.number().int().positive(),
});

/**
 * A version's calibration as it is stored beside its artifact (`ood-calibration.json`): the
 * reference and the threshold taken from the validation split's scores when the version was registered.
 */
export const oodCalibrationFileSchema = z.object({
  formatVersion: z.literal(1),
  method: oodMethodSchema,
  /** Largest feature window side (the version's tile); smaller images use the largest multiple of 32 that fits. */
  window: z.number().int().positive(),
  maxWindows: z.number().int().positive(),
  reference: featureReferenceSchema,
  threshold: z.number().positive(),
  rule: z.object({ quantile: z.number().min(0).max(1), margin: z.number().positive() }),
  validation: z.object({ images: z.number().int().positive(), scores: z.array(z.number()) }),
});
export type OodCalibrationFile = z.infer<typeof oodCalibrationFileSchema>;

export const OOD_CALIBRATION_FILE = 'ood-calibration.json';

/** What the registry says about a version's calibration (the reference stays in the file). */
export const oodCalibrationSchema = z.object({
  method: oodMethodSchema,
  threshold: z.number(),
  rule: z.object({ quantile: z.number(), margin: z.number() }),
  validationScores: z.array(z.number()),
  trainingImages: z.number().int(),
  /** The calibration file, in the version's artifact bucket. */
  file: z.object({ key: z.string(), sha256 }),
});
export type OodCalibration = z.infer<typeof oodCalibrationSchema>;

/**
 * One segmented image's out-of-distribution verdict. `flagged` is null (with `reason`) when no
 * verdict can be given: the version has no calibration, or the image is too small for the encoder.
 */
export const outOfDistributionSchema = z.object({
  score: z.number().nullable(),
  threshold: z.number().nullable(),
  flagged: z.boolean().nullable(),
  method: oodMethodSchema,
  reason: z.string().nullable(),
});
export type OutOfDistribution = z.infer<typeof outOfDistributionSchema>;
