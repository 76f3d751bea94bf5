import { defineEvent, defineJob, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { datasetEvents, maskSourceSchema, pixelSizeSchema, pixelSizeSourceSchema } from './dataset.ts';
import { measurementUncertaintySchema } from './uncertainty.ts';

const id = z.string().uuid();
const timestamp = z.string();
const classIndex = z.number().int().min(0).max(65535);
const classList = z.array(classIndex).min(1).max(256);

/**
 * What the metrology service measures on every mask of a dataset. `classes` lists every value a
 * mask may hold: a mask with any other value is a failed measurement, not a silent zero.
 */
export const measurementProfileSchema = z
  .object({
    classes: classList,
    particles: z
      .object({
        classes: classList,
        connectivity: z.union([z.literal(4), z.literal(8)]).default(8),
      })
      .nullable(),
    thickness: z
      .object({
        classes: classList,
        radius: z.number().int().min(0).max(4096).default(5),
        minArea: z.number().int().min(0).default(1000),
      })
      .nullable(),
    /**
     * `image`: the image's pixel size (pixels when it has none); `pixels`: always pixels; `fixed`:
     * `fixedPixelSize` for every image (e.g. a calibration the files lack).
     */
    pixelSize: z.object({
      policy: z.enum(['image', 'pixels', 'fixed']),
      fixed: pixelSizeSchema.nullable().default(null),
    }),
    histogramBins: z.number().int().min(1).max(200).default(20),
  })
  .refine(
    (profile) => (profile.pixelSize.policy === 'fixed') === (profile.pixelSize.fixed !== null),
    {
      message: 'pixelSize.fixed is required by the `fixed` policy and only by it',
      path: ['pixelSize', 'fixed'],
    },
  );
export type MeasurementProfile = z.infer<typeof measurementProfileSchema>;

export const profileAnswerSchema = z.object({
  datasetId: id,
  profile: measurementProfileSchema,
  /** sha256 of the profile's canonical JSON: part of every measurement's identity. */
  profileHash: z.string(),
  /** True when no profile is stored and this one is derived from the dataset's classes. */
  isDefault: z.boolean(),
  updatedAt: timestamp.nullable(),
});
export type ProfileAnswer = z.infer<typeof profileAnswerSchema>;

const summarySchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  std: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  percentiles: z.record(z.string(), z.number().nullable()),
});
export type MeasurementSummaryStatistics = z.infer<typeof summarySchema>;

export const histogramSchema = z.object({
  edges: z.array(z.number()),
  counts: z.array(z.number()),
});

export const classParticleMeasurementSchema = z.object({
  class: z.number().int(),
  count: z.number().int(),
  pixelCount: z.number().int(),
  areaFraction: z.number(),
  area: summarySchema,
  equivalentDiameter: summarySchema,
  interiorCount: z.number().int(),
  interiorMeanArea: z.number().nullable(),
  /** Miles-Lantuejoul estimates (objects touching the frame dropped, the others weighted). */
  borderCorrectedCount: z.number(),
  borderCorrectedMeanArea: z.number().nullable(),
  histogram: histogramSchema,
});
export type ClassParticleMeasurement = z.infer<typeof classParticleMeasurementSchema>;

export const thicknessMeasurementSchema = z.object({
  classes: z.array(z.number().int()),
  radius: z.number().int(),
  minArea: z.number().int(),
  thickness: summarySchema,
  skeletonPixels: z.number().int(),
  layerPixels: z.number().int(),
  layerArea: z.number(),
});

export const measurementStatusSchema = z.enum(['succeeded', 'failed']);

/** What a measurement set holds numbers of (a failed one holds none). */
export const measurementKindSchema = z.enum(['particles', 'thickness']);
export type MeasurementKind = z.infer<typeof measurementKindSchema>;

export const measurementPixelSizeSourceSchema = z.enum([...pixelSizeSourceSchema.options, 'profile']);
export type MeasurementPixelSizeSource = z.infer<typeof measurementPixelSizeSourceSchema>;

/** What a plot shows; the console names and orders them by it. */
export const plotKindSchema = z.enum(['size_histogram', 'area_fractions', 'thickness_histogram', 'thickness_profile']);

/** A Vega-Lite (v5) spec with its data inline, as metrology renders it, for a page to draw itself. */
export const plotSpecSchema = z.object({
  kind: plotKindSchema,
  title: z.string(),
  /** What the plot shows in a sentence: the page's alt text. */
  description: z.string(),
  spec: z.record(z.string(), z.unknown()),
});
export type PlotSpec = z.infer<typeof plotSpecSchema>;

const plotsSchema = z.object({
  /** Presigned GET URLs (15 minutes) of the stored SVG plots. */
  sizeHistogramUrl: z.string().nullable(),
  thicknessHistogramUrl: z.string().nullable(),
  /** Empty unless the request asked for them (`plotSpecs`): they carry the plots' data. */
  specs: z.array(plotSpecSchema).default([]),
});

export const measurementSetSchema = z.object({
  id,
  maskId: id,
  imageId: id,
  datasetId: id,
  source: maskSourceSchema,
  modelVersionId: z.string().nullable(),
  maskSha256: z.string(),
  status: measurementStatusSchema,
  /** Why a failed measurement failed (a bad mask is recorded, never retried forever). */
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) })
    .nullable(),
  profile: measurementProfileSchema,
  profileHash: z.string(),
  codeVersion: z.string(),
  pixelSize: pixelSizeSchema.nullable(),
  /**
   * Where the pixel size came from: the image's source (the user, an SEM vendor tag, the TIFF
   * resolution, the dataset default) or `profile` (its fixed pixel size); null when the results are
   * in pixels, or for measurements from before it was recorded.
   */
  pixelSizeSource: measurementPixelSizeSourceSchema.nullable(),
  /** The unit of every length (areas in unit²): nm, um, mm, or px. */
  unit: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  particles: z.array(classParticleMeasurementSchema),
  thickness: thicknessMeasurementSchema.nullable(),
  /** Intervals of the numbers above; null for a failed set and for sets measured before intervals were. */
  uncertainty: measurementUncertaintySchema.nullable().default(null),
  plots: plotsSchema,
  startedAt: timestamp,
  completedAt: timestamp,
});
export type MeasurementSet = z.infer<typeof measurementSetSchema>;

/** Objects of many masks pooled into one distribution (never an average of per-mask averages). */
export const classParticleSummarySchema = z.object({
  class: z.number().int(),
  count: z.number().int(),
  areaFraction: z.number(),
  meanArea: z.number().nullable(),
  medianArea: z.number().nullable(),
  stdArea: z.number().nullable(),
  meanEquivalentDiameter: z.number().nullable(),
  medianEquivalentDiameter: z.number().nullable(),
  interiorCount: z.number().int(),
  histogram: histogramSchema,
});

export const sourceSummarySchema = z.object({
  source: maskSourceSchema,
  modelVersionId: z.string().nullable(),
  unit: z.string(),
  maskCount: z.number().int(),
  failedCount: z.number().int(),
  particles: z.array(classParticleSummarySchema),
  thickness: summarySchema.nullable(),
  plots: plotsSchema,
  /** Intervals of the pooled numbers (see @microseg/metrology's pooledMeasurementIntervals); null when no set succeeded. */
  uncertainty: measurementUncertaintySchema.nullable().default(null),
});
export type SourceSummary = z.infer<typeof sourceSummarySchema>;

export const datasetSummarySchema = z.object({
  datasetId: id,
  datasetVersionId: id.nullable(),
  profileHash: z.string(),
  sources: z.array(sourceSummarySchema),
});
export type DatasetMeasurementSummary = z.infer<typeof datasetSummarySchema>;

/** A model mask of an image scored against the image's manual (ground-truth) mask. */
export const maskEvaluationSchema = z.object({
  imageId: id,
  modelMaskId: id,
  modelVersionId: z.string().nullable(),
  truthMaskId: id,
  /** The dataset profile's non-background classes. */
  classes: z.array(
    z.object({
      class: z.number().int(),
      iou: z.number(),
      precision: z.number(),
      recall: z.number(),
    }),
  ),
  meanIoU: z.number().nullable(),
  /** Presigned GET URL (15 minutes) of the accuracy map PNG: true positives white, misses magenta, false alarms cyan. */
  accuracyMapUrl: z.string(),
  expiresAt: timestamp,
});
export type MaskEvaluation = z.infer<typeof maskEvaluationSchema>;

const summaryFilter = {
  datasetId: id,
  /** Only the images (and frozen ground-truth masks) of this dataset version. */
  datasetVersionId: id.optional(),
  source: maskSourceSchema.optional(),
  modelVersionId: z.string().optional(),
  /** Only this image of the dataset (NOT_FOUND when it is not one of them). */
  imageId: id.optional(),
};

/** One object (connected component) of a class, as metrology measured it; lengths in the set's unit. */
export const measuredObjectSchema = z.object({
  class: z.number().int(),
  /** The object's index within its class, as in the CSV export. */
  object: z.number().int(),
  area: z.number(),
  equivalentDiameter: z.number(),
  perimeter: z.number(),
  majorAxisLength: z.number(),
  minorAxisLength: z.number(),
  eccentricity: z.number(),
  solidity: z.number(),
  centroid: z.object({ row: z.number(), col: z.number() }),
  /** Image pixels, end exclusive. */
  bbox: z.object({ minRow: z.number(), minCol: z.number(), maxRow: z.number(), maxCol: z.number() }),
  touchesBorder: z.boolean(),
});
export type MeasuredObject = z.infer<typeof measuredObjectSchema>;

export const metrologyContracts = {
  getProfile: defineRequest({
    subject: 'microseg.metrology.v1.profiles.get',
    request: z.object({ datasetId: id }),
    response: profileAnswerSchema,
  }),
  setProfile: defineRequest({
    subject: 'microseg.metrology.v1.profiles.set',
    request: z.object({ datasetId: id, profile: measurementProfileSchema }),
    response: profileAnswerSchema,
  }),
  imageMeasurements: defineRequest({
    subject: 'microseg.metrology.v1.measurements.of-image',
    request: z.object({
      imageId: id,
      source: maskSourceSchema.optional(),
      modelVersionId: z.string().optional(),
      /** Also the plots' Vega-Lite specs (their data read from the stored results). */
      plotSpecs: z.boolean().default(false),
    }),
    response: z.object({ measurements: z.array(measurementSetSchema) }),
  }),
  /** The objects of a measurement set whose bounding box holds an image point, smallest box first (hover in the console). */
  objectsAt: defineRequest({
    subject: 'microseg.metrology.v1.measurements.objects-at',
    request: z.object({
      measurementId: id,
      /** Image pixel coordinates: x the column, y the row. */
      x: z.number().finite(),
      y: z.number().finite(),
      limit: z.number().int().min(1).max(20).default(3),
    }),
    response: z.object({ objects: z.array(measuredObjectSchema) }),
  }),
  /** A dataset's measurement sets, newest first, a page at a time (`after`: the previous page's endCursor). */
  datasetMeasurements: defineRequest({
    subject: 'microseg.metrology.v1.measurements.of-dataset',
    request: z.object({
      datasetId: id,
      source: maskSourceSchema.optional(),
      modelVersionId: z.string().optional(),
      status: measurementStatusSchema.optional(),
      first: z.number().int().min(1).max(500).default(50),
      after: id.optional(),
      /** Also the plots' Vega-Lite specs (their data read from the stored results). */
      plotSpecs: z.boolean().default(false),
    }),
    response: z.object({
      nodes: z.array(measurementSetSchema),
      endCursor: id.nullable(),
      hasNextPage: z.boolean(),
    }),
  }),
  /**
   * Every current model mask of the images against each image's current manual mask; none for an
   * image without a manual mask, or one the caller may not read.
   */
  imageEvaluations: defineRequest({
    subject: 'microseg.metrology.v1.evaluations.of-images',
    request: z.object({ imageIds: z.array(id).min(1).max(100), modelVersionId: z.string().optional() }),
    response: z.object({ evaluations: z.array(maskEvaluationSchema) }),
  }),
  datasetSummary: defineRequest({
    subject: 'microseg.metrology.v1.measurements.summary',
    request: z.object(summaryFilter),
    response: datasetSummarySchema,
  }),
  exportMeasurements: defineRequest({
    subject: 'microseg.metrology.v1.measurements.export',
    request: z.object({ ...summaryFilter, format: z.enum(['csv', 'json']) }),
    response: z.object({
      format: z.enum(['csv', 'json']),
      url: z.string(),
      rowCount: z.number().int(),
      expiresAt: timestamp,
    }),
  }),
  remeasureDataset: defineRequest({
    subject: 'microseg.metrology.v1.measurements.remeasure',
    request: z.object({ datasetId: id }),
    response: z.object({ datasetId: id, queued: z.number().int(), profileHash: z.string() }),
  }),
} as const;

/** The work queue of the metrology service: one job per mask to measure. */
export const METROLOGY_JOBS_STREAM = {
  name: 'MICROSEG_METROLOGY_JOBS',
  subjects: ['microseg.metrology.v1.jobs.>'],
  duplicateWindowSeconds: 15 * 60,
} as const;

/** A mask to measure: what `mask.created` carries (and what a model mask event will carry). */
export const maskToMeasureSchema = datasetEvents.maskCreated.schema;
export type MaskToMeasure = z.infer<typeof maskToMeasureSchema>;

export const metrologyJobs = {
  measureMask: defineJob({
    subject: 'microseg.metrology.v1.jobs.measure',
    stream: METROLOGY_JOBS_STREAM.name,
    schema: maskToMeasureSchema,
  }),
} as const;

export const metrologyEvents = {
  measurementCompleted: defineEvent({
    subject: 'microseg.events.measurement.completed.v1',
    schema: z.object({
      measurementId: id,
      maskId: id,
      imageId: id,
      datasetId: id,
      groupId: id,
      source: maskSourceSchema,
      modelVersionId: z.string().nullable(),
      profileHash: z.string(),
      codeVersion: z.string(),
      status: measurementStatusSchema,
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      /** Empty for a failed measurement; absent from events published before it existed. */
      kinds: z.array(measurementKindSchema).default([]),
      /**
       * The set's intervals (webhook deliveries carry them in `data`); null for a failed set and in
       * events published before intervals existed.
       */
      uncertainty: measurementUncertaintySchema.nullable().default(null),
      completedAt: timestamp,
    }),
  }),
} as const;
