import { defineEvent, defineJob, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { classDefinitionSchema, objectRefSchema, pixelSizeSchema } from './dataset.ts';
import { oodCalibrationSchema } from './out-of-distribution.ts';
import { intervalCalibrationSchema } from './uncertainty.ts';
import { pageRequestSchema, pageSchema } from './pagination.ts';
import { gateDeclarationSchema, gateReportSchema } from './promotion-gate.ts';
import { visibilitySchema } from './visibility.ts';

const id = z.string().uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256');
const timestamp = z.string();

/**
 * Training jobs wait here until a training worker takes one (a work queue: a job is gone once a
 * worker acknowledges it). The Kubernetes manifests scale workers on this stream and consumer.
 */
export const TRAINING_JOBS_STREAM = {
  name: 'MICROSEG_TRAINING_JOBS',
  // Not `jobs.>`: a stream capturing the request subjects would answer requests with PubAcks.
  subjects: ['microseg.training.v1.queue.>'],
  consumer: 'training-workers',
  duplicateWindowSeconds: 15 * 60,
} as const;

/**
 * A model version's class rule: `threshold`, the paper's (a class where its probability exceeds 0.5,
 * the background, class 0, elsewhere), or `argmax`. See @microseg/tf-runtime's ClassRule.
 */
export const classRuleSchema = z.enum(['threshold', 'argmax']);
export type ClassRuleValue = z.infer<typeof classRuleSchema>;
/** How 16-bit images reach the network: `full_range` (/65535) or `high_byte` (the paper's 8-bit read). */
export const sixteenBitInputSchema = z.enum(['full_range', 'high_byte']);
export type SixteenBitInputValue = z.infer<typeof sixteenBitInputSchema>;
/** `paper`: smp's IoU pooled over the one-hot channels; `mean_class`: versions registered before it, whose iou is the mean per class. */
export const iouDefinitionSchema = z.enum(['paper', 'mean_class']);

export const trainingJobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type TrainingJobState = z.infer<typeof trainingJobStateSchema>;
export const workerKindSchema = z.enum(['cpu', 'gpu']);
export type WorkerKind = z.infer<typeof workerKindSchema>;

/** Overrides of the paper's recipe (see @microseg/training-recipe for the defaults). */
export const recipeOverridesSchema = z.object({
  learningRate: z.number().positive().max(1).optional(),
  patience: z.number().int().min(1).max(1000).optional(),
  fineLearningRate: z.number().positive().max(1).optional(),
  finePatience: z.number().int().min(0).max(1000).optional(),
  maxEpochs: z.number().int().min(1).max(100_000).optional(),
  crop: z.number().int().min(32).max(4096).optional(),
  batchSize: z.number().int().min(1).max(256).optional(),
  loss: z.object({ bce: z.number().min(0).max(1).optional(), dice: z.number().min(0).max(1).optional() }).optional(),
  horizontalFlipOnly: z.boolean().optional(),
  freezeEncoder: z.boolean().optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
});
export type RecipeOverridesInput = z.infer<typeof recipeOverridesSchema>;

export const resolvedRecipeSchema = z.object({
  learningRate: z.number(),
  patience: z.number().int(),
  fineLearningRate: z.number(),
  finePatience: z.number().int(),
  maxEpochs: z.number().int(),
  crop: z.number().int(),
  /** Items per step; jobs queued before batches existed ran one item per step. */
  batchSize: z.number().int().default(1),
  loss: z.object({ bce: z.number(), dice: z.number() }),
  horizontalFlipOnly: z.boolean(),
  freezeEncoder: z.boolean(),
  seed: z.number().int(),
});

/** Where a run's first weights come from: nothing, a registry version, or imported weights. */
export const initialWeightsSchema = z.object({
  kind: z.enum(['random', 'version', 'weights']),
  id: id.nullable(),
  /** Readable: `random`, `<model> v3`, the checkpoint's file name. */
  name: z.string(),
});
export type InitialWeights = z.infer<typeof initialWeightsSchema>;

export const trainingProgressSchema = z.object({
  epoch: z.number().int(),
  step: z.number().int(),
  loss: z.number().nullable(),
  valIou: z.number().nullable(),
  bestValIou: z.number().nullable(),
  learningRate: z.number(),
  maxEpochs: z.number().int(),
  etaSeconds: z.number().nullable(),
});
export type TrainingProgress = z.infer<typeof trainingProgressSchema>;

export const jobErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });

export const trainingJobSchema = z.object({
  id,
  groupId: id,
  createdBy: id,
  state: trainingJobStateSchema,
  /** 1 = next to be taken; null unless queued. */
  queuePosition: z.number().int().nullable(),
  workerKind: workerKindSchema.nullable(),
  workerId: z.string().nullable(),
  /** Deliveries to a worker so far (a resumed job has more than one). */
  attempts: z.number().int(),
  datasetId: id,
  datasetVersionId: id,
  datasetHash: sha256,
  experiment: z.string(),
  architecture: z.string(),
  encoder: z.string(),
  classes: z.array(classDefinitionSchema),
  /** One sigmoid channel (foreground = any class but 0) instead of one channel per class. */
  binary: z.boolean(),
  init: initialWeightsSchema,
  recipe: resolvedRecipeSchema,
  classRule: classRuleSchema,
  sixteenBitInput: sixteenBitInputSchema,
  modelName: z.string(),
  progress: trainingProgressSchema,
  /** The last epoch whose checkpoint is stored; a resumed job continues after it. */
  checkpointEpoch: z.number().int().nullable(),
  error: jobErrorSchema.nullable(),
  modelVersionId: id.nullable(),
  benchmarkId: id.nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type TrainingJob = z.infer<typeof trainingJobSchema>;

export const epochRecordSchema = z.object({
  epoch: z.number().int(),
  step: z.number().int(),
  loss: z.number(),
  valIou: z.number(),
  learningRate: z.number(),
  seconds: z.number(),
  improved: z.boolean(),
  at: timestamp,
});
export type EpochRecord = z.infer<typeof epochRecordSchema>;

export const classMetricSchema = z.object({ index: z.number().int(), name: z.string(), iou: z.number() });
export const splitMetricsSchema = z.object({
  /** The paper's IoU (see iouDefinition): smp's IoU at 0.5 pooled over the one-hot channels, mean over images. */
  iou: z.number(),
  /** Mean over classes of perClass; null on versions registered before it was kept apart. */
  meanClassIou: z.number().nullable().default(null),
  /** IoU of each class of the masks the version's class rule makes, mean over images. */
  perClass: z.array(classMetricSchema),
  images: z.number().int(),
});
export const versionMetricsSchema = z.object({ val: splitMetricsSchema, test: splitMetricsSchema.nullable() });
export type VersionMetrics = z.infer<typeof versionMetricsSchema>;

export const modelCardSchema = z.object({
  markdown: z.string().max(100_000).default(''),
  intendedMaterial: z.string().max(200).nullable().default(null),
  magnification: z.string().max(100).nullable().default(null),
  pixelSize: pixelSizeSchema.nullable().default(null),
  limits: z.string().max(10_000).nullable().default(null),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

export const aliasSchema = z.object({ alias: z.string(), versionId: id, versionNumber: z.number().int(), movedAt: timestamp, movedBy: id });

export const modelSchema = z.object({
  id,
  groupId: id,
  name: z.string(),
  task: z.enum(['semantic-segmentation']),
  classes: z.array(classDefinitionSchema),
  material: z.string(),
  card: modelCardSchema,
  aliases: z.array(aliasSchema),
  /** Versions the caller can read. */
  versionCount: z.number().int(),
  createdAt: timestamp,
});
export type Model = z.infer<typeof modelSchema>;

export const artifactLocationSchema = z.object({ bucket: z.string(), prefix: z.string() });

export const modelVersionSchema = z.object({
  id,
  modelId: id,
  modelName: z.string(),
  groupId: id,
  number: z.number().int(),
  architecture: z.string(),
  encoder: z.string(),
  classes: z.array(classDefinitionSchema),
  binary: z.boolean(),
  material: z.string(),
  classRule: classRuleSchema,
  sixteenBitInput: sixteenBitInputSchema,
  metrics: versionMetricsSchema,
  /** What metrics' `iou` means; `mean_class` only on versions registered before the paper's IoU. */
  iouDefinition: iouDefinitionSchema,
  /** The full training config: recipe, dataset, architecture, initial weights, best epoch. */
  config: z.record(z.string(), z.unknown()),
  dataset: z.object({ datasetId: id, versionId: id, contentHash: sha256, experiment: z.string() }),
  parent: initialWeightsSchema,
  codeVersion: z.string(),
  seed: z.number().int(),
  durationSeconds: z.number(),
  workerKind: workerKindSchema,
  artifact: artifactLocationSchema,
  jobId: id.nullable(),
  visibility: visibilitySchema,
  aliases: z.array(z.string()),
  createdAt: timestamp,
  /** The out-of-distribution calibration made at registration; null: registered without one (no validation split, or before issue 13). */
  outOfDistribution: oodCalibrationSchema.nullable().default(null),
  /** The measurement intervals' calibration made at registration on the validation split; null: none (no validation split, or before it). */
  intervalCalibration: intervalCalibrationSchema.nullable().default(null),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

/** How a version travels: its ONNX weights, a bioimage.io model package, or the whole MicroSeg artifact (.tar.gz, for `microseg predict`). */
export const modelDownloadFormatSchema = z.enum(['onnx', 'bioimageio', 'artifact']);
export type ModelDownloadFormat = z.infer<typeof modelDownloadFormatSchema>;

export const modelDownloadSchema = z.object({
  versionId: id,
  format: modelDownloadFormatSchema,
  /** A presigned GET URL, valid until `expiresAt`. */
  url: z.string(),
  fileName: z.string(),
  sha256,
  sizeBytes: z.number().int(),
  expiresAt: timestamp,
});
export type ModelDownload = z.infer<typeof modelDownloadSchema>;

export const importedWeightsSchema = z.object({
  id,
  groupId: id,
  name: z.string(),
  fileName: z.string(),
  /** `encoder`: a bare encoder (MicroNet release files); `model`: a whole SMP network. */
  scope: z.enum(['encoder', 'model']),
  architecture: z.string().nullable(),
  encoder: z.string(),
  pretraining: z.string().nullable(),
  sha256,
  sizeBytes: z.number().int(),
  object: objectRefSchema,
  tensorCount: z.number().int(),
  visibility: visibilitySchema,
  createdAt: timestamp,
});
export type ImportedWeights = z.infer<typeof importedWeightsSchema>;

export const aliasMoveSchema = z.object({
  id,
  modelId: id,
  alias: z.string(),
  fromVersionId: id.nullable(),
  toVersionId: id,
  movedBy: id,
  movedAt: timestamp,
  /**
   * `rejected`: the move expected another current version and lost the race. A move of a gated
   * alias is `pending` while its gate is evaluated, then `moved` or `refused` (the gate failed).
   */
  outcome: z.enum(['moved', 'rejected', 'pending', 'refused']),
  /** The gate the move had to pass (as declared when it was asked for); null for an ungated alias. */
  gate: gateDeclarationSchema.nullable().default(null),
  gateReport: gateReportSchema.nullable().default(null),
  /** An admin moved a gated alias without evaluating its gate. */
  gateSkipped: z.boolean().default(false),
});
export type AliasMove = z.infer<typeof aliasMoveSchema>;

export const lineageSchema = z.object({
  version: modelVersionSchema,
  dataset: z.object({ datasetId: id, versionId: id, contentHash: sha256, experiment: z.string() }),
  /** Initial weights, then their initial weights... up to random init or an import. */
  ancestors: z.array(z.object({ weights: initialWeightsSchema, version: modelVersionSchema.nullable(), imported: importedWeightsSchema.nullable() })),
  job: trainingJobSchema.nullable(),
  /** Readable versions trained from this one. */
  descendants: z.array(modelVersionSchema),
});
export type Lineage = z.infer<typeof lineageSchema>;

export const benchmarkSchema = z.object({
  id,
  groupId: id,
  datasetId: id,
  state: trainingJobStateSchema,
  jobIds: z.array(id),
  table: z.object({
    experiments: z.array(z.string()),
    rows: z.array(z.object({ model: z.string(), architecture: z.string(), encoder: z.string(), init: z.string(), iou: z.record(z.string(), z.number().nullable()) })),
    best: z.record(z.string(), z.object({ model: z.string(), iou: z.number() }).nullable()),
  }),
  createdAt: timestamp,
});
export type Benchmark = z.infer<typeof benchmarkSchema>;

const modelName = z.string().trim().min(1).max(120);
const aliasName = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, . _ -');

export const startTrainingSchema = z.object({
  datasetId: id,
  /** Default: the dataset's latest version. */
  datasetVersionId: id.optional(),
  experiment: z.string().trim().min(1).max(120),
  architecture: z.string().trim().min(1).max(40),
  encoder: z.string().trim().min(1).max(60),
  /** `random`, a model version id, or an imported weights id. */
  init: z.string().trim().min(1).max(80).default('random'),
  /** Class names the model predicts; must be the dataset's (all, in order). Default: the dataset's. */
  classes: z.array(z.string()).optional(),
  binary: z.boolean().default(false),
  recipe: recipeOverridesSchema.default({}),
  /** The paper's class rule unless told otherwise; the version carries it into inference. */
  classRule: classRuleSchema.default('threshold'),
  /** MicroSeg's /65535 unless told otherwise (`high_byte` reproduces the paper); training and inference share it. */
  sixteenBitInput: sixteenBitInputSchema.default('full_range'),
  /** The registry model the result becomes a version of; default `<arch>-<encoder>-<experiment>`. */
  modelName: modelName.optional(),
});

export const versionFilterSchema = z.object({
  modelId: id.optional(),
  material: z.string().optional(),
  alias: z.string().optional(),
  visibility: z.enum(['private', 'shared', 'public']).optional(),
  /** Versions whose test IoU (val IoU when there is no test split) is at least this. */
  minIou: z.number().min(0).max(1).optional(),
  datasetVersionId: id.optional(),
  ownedOnly: z.boolean().default(false),
});

export const trainingContracts = {
  startTraining: defineRequest({ subject: 'microseg.training.v1.jobs.start', request: startTrainingSchema, response: trainingJobSchema }),
  getJob: defineRequest({ subject: 'microseg.training.v1.jobs.get', request: z.object({ id }), response: trainingJobSchema }),
  listJobs: defineRequest({
    subject: 'microseg.training.v1.jobs.list',
    request: pageRequestSchema.extend({ state: trainingJobStateSchema.optional(), datasetId: id.optional(), benchmarkId: id.optional() }),
    response: pageSchema(trainingJobSchema),
  }),
  jobEpochs: defineRequest({
    subject: 'microseg.training.v1.jobs.epochs',
    request: z.object({ id }),
    response: z.object({ epochs: z.array(epochRecordSchema) }),
  }),
  cancelJob: defineRequest({ subject: 'microseg.training.v1.jobs.cancel', request: z.object({ id }), response: trainingJobSchema }),
  /** A failed or cancelled job back in the queue; it resumes from its last checkpoint. */
  retryJob: defineRequest({ subject: 'microseg.training.v1.jobs.retry', request: z.object({ id }), response: trainingJobSchema }),

  listModels: defineRequest({
    subject: 'microseg.training.v1.models.list',
    request: pageRequestSchema.extend({ material: z.string().optional(), ownedOnly: z.boolean().default(false) }),
    response: pageSchema(modelSchema),
  }),
  /** By id, or by name within the caller's group. */
  getModel: defineRequest({ subject: 'microseg.training.v1.models.get', request: z.object({ id: z.string().trim().min(1).max(200) }), response: modelSchema }),
  updateModelCard: defineRequest({
    subject: 'microseg.training.v1.models.card.update',
    request: z.object({ modelId: id, card: modelCardSchema.partial() }),
    response: modelSchema,
  }),
  listVersions: defineRequest({
    subject: 'microseg.training.v1.versions.list',
    request: pageRequestSchema.extend({ filter: versionFilterSchema.default({ ownedOnly: false }) }),
    response: pageSchema(modelVersionSchema),
  }),
  getVersion: defineRequest({ subject: 'microseg.training.v1.versions.get', request: z.object({ id }), response: modelVersionSchema }),
  /** A version by `<model id or name>@<alias>` (what automation policies name). */
  resolveAlias: defineRequest({
    subject: 'microseg.training.v1.versions.resolve-alias',
    request: z.object({ model: z.string().min(1), alias: aliasName }),
    response: modelVersionSchema,
  }),
  compareVersions: defineRequest({
    subject: 'microseg.training.v1.versions.compare',
    request: z.object({ ids: z.array(id).min(2).max(20) }),
    response: z.object({ versions: z.array(modelVersionSchema) }),
  }),
  lineage: defineRequest({ subject: 'microseg.training.v1.versions.lineage', request: z.object({ id }), response: lineageSchema }),
  shareVersion: defineRequest({
    subject: 'microseg.training.v1.versions.share',
    request: z.object({ id, visibility: visibilitySchema }),
    response: modelVersionSchema,
  }),
  setAlias: defineRequest({
    subject: 'microseg.training.v1.aliases.set',
    request: z.object({
      modelId: id,
      alias: aliasName,
      versionId: id,
      /** Compare-and-set: move only if the alias still points here (null: only if it does not exist yet). */
      expectedVersionId: id.nullable().optional(),
      /** Admins only: move a gated alias without its gate (recorded in the history). */
      skipGate: z.boolean().default(false),
    }),
    response: aliasMoveSchema,
  }),
  aliasHistory: defineRequest({
    subject: 'microseg.training.v1.aliases.history',
    request: z.object({ modelId: id, alias: z.string().optional() }),
    response: z.object({ moves: z.array(aliasMoveSchema) }),
  }),

  createWeightsUpload: defineRequest({
    subject: 'microseg.training.v1.weights.upload.create',
    request: z.object({ fileName: z.string().trim().min(1).max(255), sizeBytes: z.number().int().min(1), sha256 }),
    response: z.object({ uploadId: id, url: z.string(), expiresAt: timestamp }),
  }),
  completeWeightsUpload: defineRequest({
    subject: 'microseg.training.v1.weights.upload.complete',
    request: z.object({
      uploadId: id,
      name: z.string().trim().min(1).max(200).optional(),
      /** Needed when neither the file name (MicroNet release) nor the checkpoint names the encoder. */
      encoder: z.string().optional(),
      architecture: z.string().optional(),
      visibility: visibilitySchema.optional(),
    }),
    response: importedWeightsSchema,
  }),
  /** A presigned download of a version (its package is built on first request and kept by content). */
  downloadVersion: defineRequest({
    subject: 'microseg.training.v1.versions.download',
    request: z.object({ id, format: modelDownloadFormatSchema }),
    response: modelDownloadSchema,
  }),
  /** Step 1 of importing a bioimage.io model package: a presigned PUT URL for the .zip. */
  createPackageUpload: defineRequest({
    subject: 'microseg.training.v1.packages.upload.create',
    request: z.object({ fileName: z.string().trim().min(1).max(255), sizeBytes: z.number().int().min(1), sha256 }),
    response: z.object({ uploadId: id, url: z.string(), expiresAt: timestamp }),
  }),
  /** Step 2: checks the package (sha256s, test output reproduced on ONNX Runtime) and registers it as a version. */
  importPackage: defineRequest({
    subject: 'microseg.training.v1.packages.import',
    request: z.object({
      uploadId: id,
      /** The registry model it becomes a version of (created when new); default the package's name. */
      modelName: z.string().trim().min(1).max(200).optional(),
      material: z.string().max(200).optional(),
      visibility: visibilitySchema.optional(),
    }),
    response: modelVersionSchema,
  }),
  listWeights: defineRequest({
    subject: 'microseg.training.v1.weights.list',
    request: z.object({ encoder: z.string().optional() }),
    response: z.object({ weights: z.array(importedWeightsSchema) }),
  }),

  reproduceBenchmark: defineRequest({
    subject: 'microseg.training.v1.benchmarks.start',
    request: z.object({
      datasetId: id,
      experiments: z.array(z.string().min(1)).min(1).max(20),
      architectures: z.array(z.string().min(1)).min(1).max(7),
      encoders: z.array(z.string().min(1)).min(1).max(30),
      initWeights: z.array(z.string().min(1)).min(1).max(5).default(['random']),
      recipe: recipeOverridesSchema.default({}),
      classRule: classRuleSchema.default('threshold'),
      sixteenBitInput: sixteenBitInputSchema.default('full_range'),
    }),
    response: benchmarkSchema,
  }),
  getBenchmark: defineRequest({ subject: 'microseg.training.v1.benchmarks.get', request: z.object({ id }), response: benchmarkSchema }),
} as const;

export const trainingJobs = {
  run: defineJob({ subject: 'microseg.training.v1.queue.run', stream: TRAINING_JOBS_STREAM.name, schema: z.object({ jobId: id }) }),
} as const;

export const trainingEvents = {
  /** After every epoch and every state change; the GraphQL subscription follows it. */
  jobProgress: defineEvent({
    subject: 'microseg.events.training.progressed.v1',
    schema: z.object({ jobId: id, groupId: id, state: trainingJobStateSchema, progress: trainingProgressSchema, at: timestamp }),
  }),
  versionRegistered: defineEvent({
    subject: 'microseg.events.model-version.registered.v1',
    schema: z.object({ versionId: id, modelId: id, groupId: id, jobId: id.nullable(), at: timestamp }),
  }),
  aliasMoved: defineEvent({
    subject: 'microseg.events.model-alias.moved.v1',
    schema: z.object({ modelId: id, groupId: id, alias: z.string(), fromVersionId: id.nullable(), toVersionId: id, at: timestamp }),
  }),
} as const;
