import { defineEvent, defineJob, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { objectRefSchema } from './dataset.ts';
import { outOfDistributionSchema } from './out-of-distribution.ts';

const id = z.string().uuid();
const timestamp = z.string();
const aliasName = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, . _ -');

/**
 * Segmentation jobs wait here for an inference worker (a work queue). The Kubernetes manifests
 * scale inference workers on this stream and consumer, so the names are fixed.
 */
export const INFERENCE_JOBS_STREAM = {
  name: 'MICROSEG_INFERENCE_JOBS',
  // Not the request subjects: a stream capturing them would answer requests with PubAcks.
  subjects: ['microseg.inference.v1.queue.>'],
  consumer: 'inference-workers',
  duplicateWindowSeconds: 15 * 60,
} as const;

const stepErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });

/** One model version's segmentation of one image: at most one per (image, model version). */
export const segmentationSchema = z.object({
  id,
  groupId: id,
  imageId: id,
  datasetId: id,
  modelVersionId: id,
  /** `failed`: the image could not be segmented by this model (the reason is kept; nothing is retried). */
  status: z.enum(['succeeded', 'failed']),
  error: stepErrorSchema.nullable(),
  /** The mask registered with the dataset service (source = model); null when failed. */
  maskId: id.nullable(),
  mask: objectRefSchema.nullable(),
  /** Per-class probabilities, float32 [height, width, classes], when asked for. */
  probabilities: objectRefSchema.nullable(),
  runId: id.nullable(),
  backend: z.string(),
  tiles: z.number().int(),
  computeMs: z.number(),
  codeVersion: z.string(),
  createdAt: timestamp,
  /** How unlike the version's training images this image is; null when the step failed. */
  outOfDistribution: outOfDistributionSchema.nullable().default(null),
});
export type Segmentation = z.infer<typeof segmentationSchema>;

/** "On every new image of this dataset, segment with MODEL@ALIAS"; the dataset's profile measures it. */
export const policySchema = z.object({
  id,
  groupId: id,
  datasetId: id,
  /** The registry model (id or name) and alias the policy follows. */
  model: z.string(),
  alias: z.string(),
  modelId: id,
  /** The version the alias pointed at when last resolved. */
  modelVersionId: id,
  paused: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Policy = z.infer<typeof policySchema>;

export const pipelineRunSchema = z.object({
  id,
  groupId: id,
  datasetId: id,
  policyId: id.nullable(),
  modelVersionId: id,
  trigger: z.enum(['upload', 'batch', 'alias-move']),
  /** `running` until every image has its segmentation (succeeded or failed). */
  state: z.enum(['running', 'succeeded', 'failed']),
  total: z.number().int(),
  segmented: z.number().int(),
  failed: z.number().int(),
  /** Segmented images flagged out of distribution (score above the version's calibrated threshold). */
  outOfDistribution: z.number().int().default(0),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type PipelineRun = z.infer<typeof pipelineRunSchema>;

const interval = z.object({ low: z.number(), high: z.number() });
/**
 * Each side's interval (issue 13) and whether the change lies beyond both (the intervals do not
 * overlap); null where a side has none. Defaults keep reports from before intervals readable.
 */
const change = <T extends z.ZodTypeAny>(value: T) =>
  z.object({
    old: value,
    new: value,
    delta: value,
    oldInterval: interval.nullable().default(null),
    newInterval: interval.nullable().default(null),
    beyondUncertainty: z.boolean().nullable().default(null),
  });

/** Old vs new model version on the same images (what moving an alias changed in the measurements). */
export const driftReportSchema = z.object({
  datasetId: id,
  fromVersionId: id,
  toVersionId: id,
  images: z.array(
    z.object({
      imageId: id,
      classes: z.array(
        z.object({
          class: z.number().int(),
          count: change(z.number()),
          areaFraction: change(z.number()),
          meanArea: change(z.number().nullable()),
        }),
      ),
      meanThickness: change(z.number().nullable()),
    }),
  ),
  /** Images measured by one of the two versions only (failed, or not yet measured by the other). */
  unmatched: z.object({ onlyOld: z.array(id), onlyNew: z.array(id) }),
  /** Per class over the images both versions measured. */
  dataset: z.array(
    z.object({
      class: z.number().int(),
      countDelta: z.number(),
      meanAbsAreaFractionDelta: z.number(),
      images: z.number().int(),
      /** Pooled over the matched images, each side with its pooled interval (null on reports made before). */
      count: change(z.number()).nullable().default(null),
      areaFraction: change(z.number()).nullable().default(null),
      meanArea: change(z.number().nullable()).nullable().default(null),
    }),
  ),
});
export type DriftReportAnswer = z.infer<typeof driftReportSchema>;

/** A model version by id, or `<model id or name>@<alias>`. */
const modelReference = z.union([z.object({ versionId: id }), z.object({ model: z.string().min(1), alias: aliasName })]);

export const inferenceContracts = {
  /** Segments one image now and answers when the mask is registered (or the failure is recorded). */
  segmentImage: defineRequest({
    subject: 'microseg.inference.v1.segment',
    request: z.object({ imageId: id, model: modelReference, probabilities: z.boolean().default(false) }),
    response: segmentationSchema,
  }),
  listSegmentations: defineRequest({
    subject: 'microseg.inference.v1.segmentations.list',
    request: z.object({ imageIds: z.array(id).min(1).max(500) }),
    response: z.object({ segmentations: z.array(segmentationSchema) }),
  }),
  /** A dataset's segmentations, newest first, a page at a time (`after`: the previous page's endCursor). */
  datasetSegmentations: defineRequest({
    subject: 'microseg.inference.v1.segmentations.of-dataset',
    request: z.object({
      datasetId: id,
      modelVersionId: id.optional(),
      status: z.enum(['succeeded', 'failed']).optional(),
      first: z.number().int().min(1).max(500).default(50),
      after: id.optional(),
    }),
    response: z.object({ nodes: z.array(segmentationSchema), endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
  }),
  createPolicy: defineRequest({
    subject: 'microseg.inference.v1.policies.create',
    request: z.object({ datasetId: id, model: z.string().trim().min(1).max(200), alias: aliasName }),
    response: policySchema,
  }),
  listPolicies: defineRequest({
    subject: 'microseg.inference.v1.policies.list',
    request: z.object({ datasetId: id.optional() }),
    response: z.object({ policies: z.array(policySchema) }),
  }),
  setPolicyPaused: defineRequest({
    subject: 'microseg.inference.v1.policies.pause',
    request: z.object({ id, paused: z.boolean() }),
    response: policySchema,
  }),
  /** Batch: every image of a dataset version (default: the dataset's images now) through the policy's model. */
  runPolicy: defineRequest({
    subject: 'microseg.inference.v1.policies.run',
    request: z.object({ id, datasetVersionId: id.optional() }),
    response: pipelineRunSchema,
  }),
  getRun: defineRequest({ subject: 'microseg.inference.v1.runs.get', request: z.object({ id }), response: pipelineRunSchema }),
  /** The group's runs, newest first, a page at a time (`after`: the previous page's endCursor). */
  listRuns: defineRequest({
    subject: 'microseg.inference.v1.runs.list',
    request: z.object({
      datasetId: id.optional(),
      state: z.enum(['running', 'succeeded', 'failed']).optional(),
      first: z.number().int().min(1).max(500).default(50),
      after: id.optional(),
    }),
    response: z.object({ nodes: z.array(pipelineRunSchema), endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
  }),
  /** Measurements of the dataset's images by two model versions (the dataset's profile), compared. */
  driftReport: defineRequest({
    subject: 'microseg.inference.v1.drift-report',
    request: z.object({ datasetId: id, fromVersionId: id, toVersionId: id }),
    response: driftReportSchema,
  }),
} as const;

export const segmentJobSchema = z.object({
  groupId: id,
  imageId: id,
  datasetId: id,
  modelVersionId: id,
  runId: id.nullable(),
  probabilities: z.boolean(),
});
export type SegmentJob = z.infer<typeof segmentJobSchema>;

export const inferenceJobs = {
  segment: defineJob({ subject: 'microseg.inference.v1.queue.segment', stream: INFERENCE_JOBS_STREAM.name, schema: segmentJobSchema }),
} as const;

export const inferenceEvents = {
  segmentationCompleted: defineEvent({
    subject: 'microseg.events.segmentation.completed.v1',
    schema: z.object({
      segmentationId: id,
      imageId: id,
      datasetId: id,
      groupId: id,
      modelVersionId: id,
      maskId: id.nullable(),
      status: z.enum(['succeeded', 'failed']),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      runId: id.nullable(),
      completedAt: timestamp,
      /** How unlike the version's training images the image is (null when the step failed): webhooks carry it. */
      outOfDistribution: outOfDistributionSchema.nullable().default(null),
    }),
  }),
} as const;

/** Events a LIMS can subscribe to; each delivery carries the image's LIMS sample id. */
export const webhookEventSchema = z.enum(['segmentation.completed', 'measurement.completed']);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/**
 * `dead`: every attempt failed; `refused`: the target's address is not one webhooks may reach
 * (loopback, private...), so nothing was sent. Neither is retried any more.
 */
export const webhookDeliveryStateSchema = z.enum(['pending', 'delivered', 'dead', 'refused']);
export type WebhookDeliveryState = z.infer<typeof webhookDeliveryStateSchema>;

export const webhookSchema = z.object({
  id,
  groupId: id,
  url: z.string().url(),
  events: z.array(webhookEventSchema),
  active: z.boolean(),
  createdAt: timestamp,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  /** The receiver's HTTP status; null when it could not be reached, did not answer in time or was refused. */
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  /** The network rule that refused the target (`loopback`, `private`...): no request was sent. */
  refusedRule: z.string().nullable(),
  durationMs: z.number(),
  at: timestamp,
});

export const webhookDeliverySchema = z.object({
  id,
  webhookId: id,
  event: webhookEventSchema,
  /** The measurement set or segmentation the event is about. */
  subjectId: id,
  imageId: id,
  limsId: z.string().nullable(),
  state: webhookDeliveryStateSchema,
  attempts: z.array(webhookAttemptSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookContracts = {
  /** Answers the signing secret once; later reads never show it. */
  createWebhook: defineRequest({
    subject: 'microseg.inference.v1.webhooks.create',
    request: z.object({ url: z.string().url().refine((u) => /^https?:/.test(u), 'http or https'), events: z.array(webhookEventSchema).min(1) }),
    response: z.object({ webhook: webhookSchema, secret: z.string() }),
  }),
  listWebhooks: defineRequest({ subject: 'microseg.inference.v1.webhooks.list', request: z.object({}), response: z.object({ webhooks: z.array(webhookSchema) }) }),
  deleteWebhook: defineRequest({ subject: 'microseg.inference.v1.webhooks.delete', request: z.object({ id }), response: webhookSchema }),
  /** The group's delivery log, newest first, a page at a time (`after`: the previous page's endCursor). */
  listDeliveries: defineRequest({
    subject: 'microseg.inference.v1.webhooks.deliveries',
    request: z.object({
      webhookId: id.optional(),
      state: webhookDeliveryStateSchema.optional(),
      first: z.number().int().min(1).max(500).default(50),
      after: id.optional(),
    }),
    response: z.object({ nodes: z.array(webhookDeliverySchema), endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
  }),
} as const;

/** Webhook deliveries wait here; a slow or failing receiver only ever holds a delivery worker. */
export const WEBHOOK_JOBS_STREAM = { name: 'MICROSEG_WEBHOOK_JOBS', subjects: ['microseg.webhooks.v1.queue.>'], consumer: 'webhook-deliveries' } as const;

export const webhookJobs = {
  deliver: defineJob({ subject: 'microseg.webhooks.v1.queue.deliver', stream: WEBHOOK_JOBS_STREAM.name, schema: z.object({ deliveryId: id }) }),
} as const;
