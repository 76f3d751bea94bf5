import { defineEvent, defineJob, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { objectRefSchema } from './dataset.ts';

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
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type PipelineRun = z.infer<typeof pipelineRunSchema>;

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
  listRuns: defineRequest({
    subject: 'microseg.inference.v1.runs.list',
    request: z.object({ datasetId: id.optional(), state: z.enum(['running', 'succeeded', 'failed']).optional(), limit: z.number().int().min(1).max(500).default(50) }),
    response: z.object({ runs: z.array(pipelineRunSchema) }),
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
    }),
  }),
} as const;
