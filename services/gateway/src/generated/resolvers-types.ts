import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Principal, Dataset as DatasetModel, Image as ImageModel, Mask as MaskModel, MeasurementSet as MeasurementSetModel, SourceSummary as SourceSummaryModel, Segmentation as SegmentationModel, Policy as PolicyModel, PipelineRun as PipelineRunModel, Webhook as WebhookModel, WebhookDelivery as WebhookDeliveryModel, TrainingJob as TrainingJobModel, ModelVersion as ModelVersionModel, Model as RegistryModel, GateCheck as GateCheckModel, Benchmark as BenchmarkModel, Lineage as LineageModel, ImportedWeights as ImportedWeightsModel } from '@microseg/contracts';
import type { MeasurementCompletedModel } from '../resolvers/measurement-events.ts';
import type { DeepZoomModel } from '../resolvers/deep-zoom.ts';
import type { GatewayContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC. */
  DateTime: { input: string; output: string; }
  /** Free-form JSON (metadata, structured details). */
  JSON: { input: unknown; output: unknown; }
};

export type AddMemberInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  role: Role;
};

export type AliasGate = {
  __typename?: 'AliasGate';
  alias: Scalars['String']['output'];
  comparison: GateComparison;
  datasetVersionId: Scalars['ID']['output'];
  experiment: Scalars['String']['output'];
  modelId: Scalars['ID']['output'];
  setAt: Scalars['DateTime']['output'];
  setBy: Scalars['ID']['output'];
  subset: SplitSubset;
  tolerances: Array<GateTolerance>;
};

/** The reference set and tolerances every move of a gated alias must meet. */
export type AliasGateDeclaration = {
  __typename?: 'AliasGateDeclaration';
  comparison: GateComparison;
  datasetVersionId: Scalars['ID']['output'];
  /** The split (experiment) and subset of the dataset version whose images are the reference set. */
  experiment: Scalars['String']['output'];
  subset: SplitSubset;
  tolerances: Array<GateTolerance>;
};

export type AliasMove = {
  __typename?: 'AliasMove';
  alias: Scalars['String']['output'];
  fromVersionId: Maybe<Scalars['ID']['output']>;
  /** The gate the move had to pass, as declared when it was asked for; null for an ungated alias. */
  gate: Maybe<AliasGateDeclaration>;
  /** The gate's measurements and verdict, once evaluated. */
  gateReport: Maybe<GateReport>;
  /** An admin moved the gated alias without evaluating its gate. */
  gateSkipped: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  modelId: Scalars['ID']['output'];
  movedAt: Scalars['DateTime']['output'];
  movedBy: Scalars['ID']['output'];
  outcome: AliasMoveOutcome;
  toVersionId: Scalars['ID']['output'];
};

export type AliasMoveConnection = {
  __typename?: 'AliasMoveConnection';
  nodes: Array<AliasMove>;
  pageInfo: PageInfo;
};

/** What became of an alias move. */
export type AliasMoveOutcome =
  /** The alias names the new version. */
  | 'moved'
  /** A gated alias's move waiting for its gate. */
  | 'pending'
  /** The gate failed (gateReport says why). */
  | 'refused'
  /** A compare-and-set move that lost the race, or a gated move overtaken by another. */
  | 'rejected';

export type ApiKey = {
  __typename?: 'ApiKey';
  /** sha256 (lower-case hex) of the only GraphQL documents the key may send; null: any document. */
  allowedOperations: Maybe<Array<Scalars['String']['output']>>;
  createdAt: Scalars['DateTime']['output'];
  /** From then on the key is refused (UNAUTHENTICATED, saying it expired). */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  memberId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The first characters of the key, to recognise it. */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  /** The key's scopes; null: whatever its member's role allows. */
  scopes: Maybe<Array<Scalars['String']['output']>>;
};

export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  nodes: Array<ApiKey>;
  pageInfo: PageInfo;
};

export type ArtifactLocation = {
  __typename?: 'ArtifactLocation';
  bucket: Scalars['String']['output'];
  prefix: Scalars['String']['output'];
};

/** One mutation as the platform received it. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** The field's arguments, secrets redacted, large values cut. */
  arguments: Scalars['JSON']['output'];
  clientAddress: Maybe<Scalars['String']['output']>;
  /** The error code when the outcome is ERROR (FORBIDDEN, NOT_FOUND...). */
  errorCode: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  keyId: Maybe<Scalars['ID']['output']>;
  /** Null for an anonymous bootstrap. */
  memberId: Maybe<Scalars['ID']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  /** The Mutation field, e.g. createApiKey. */
  operation: Scalars['String']['output'];
  /** The client's GraphQL operation name. */
  operationName: Maybe<Scalars['String']['output']>;
  outcome: AuditOutcome;
  /** The request's X-Request-Id (or the one the platform gave it). */
  requestId: Scalars['ID']['output'];
  /** Ids the mutation named or made. */
  targetIds: Array<Scalars['ID']['output']>;
  userAgent: Maybe<Scalars['String']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  nodes: Array<AuditEvent>;
  pageInfo: PageInfo;
};

export type AuditLogFilter = {
  memberId?: InputMaybe<Scalars['ID']['input']>;
  /** A Mutation field name, e.g. deleteDataset. */
  operation?: InputMaybe<Scalars['String']['input']>;
  /** From this time on (inclusive). */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before this time. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AuditOutcome =
  | 'error'
  | 'ok';

/** On every new image of the dataset, segment with MODEL@ALIAS; the dataset's profile measures the mask. */
export type AutomationPolicy = {
  __typename?: 'AutomationPolicy';
  alias: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  model: Scalars['String']['output'];
  modelId: Scalars['ID']['output'];
  /** The version the alias named when last resolved. */
  modelVersionId: Scalars['ID']['output'];
  paused: Scalars['Boolean']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type AutomationPolicyConnection = {
  __typename?: 'AutomationPolicyConnection';
  nodes: Array<AutomationPolicy>;
  pageInfo: PageInfo;
};

export type Benchmark = {
  __typename?: 'Benchmark';
  best: Array<BenchmarkBest>;
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  experiments: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  jobs: Array<TrainingJob>;
  rows: Array<BenchmarkRow>;
  state: TrainingJobState;
};

export type BenchmarkBest = {
  __typename?: 'BenchmarkBest';
  experiment: Scalars['String']['output'];
  iou: Maybe<Scalars['Float']['output']>;
  model: Maybe<Scalars['String']['output']>;
};

export type BenchmarkRow = {
  __typename?: 'BenchmarkRow';
  architecture: Scalars['String']['output'];
  encoder: Scalars['String']['output'];
  init: Scalars['String']['output'];
  /** Test IoU per experiment (null while not trained). */
  iou: Scalars['JSON']['output'];
  model: Scalars['String']['output'];
};

export type BootstrapGroupInput = {
  adminEmail?: InputMaybe<Scalars['String']['input']>;
  adminName?: InputMaybe<Scalars['String']['input']>;
  groupName: Scalars['String']['input'];
  platformSecret?: InputMaybe<Scalars['String']['input']>;
};

export type BootstrapGroupPayload = {
  __typename?: 'BootstrapGroupPayload';
  admin: Member;
  apiKey: Scalars['String']['output'];
  group: Group;
};

export type ClassIntervalCalibration = {
  __typename?: 'ClassIntervalCalibration';
  class: Scalars['Int']['output'];
  /** Per size quantity: the interval a set with no object of the class gets (the model has no number there), from the validation fields where it found none; a quantity with too few such fields is left out. */
  missedRanges: Array<MissedRange>;
  /** Per quantity (COUNT, AREA_FRACTION, MEAN_AREA, MEAN_EQUIVALENT_DIAMETER, and P10, P50, P90 of the equivalent diameter); a quantity with too few validation fields is left out. */
  scales: Array<IntervalScale>;
};

export type ClassMetric = {
  __typename?: 'ClassMetric';
  index: Scalars['Int']['output'];
  iou: Scalars['Float']['output'];
  name: Scalars['String']['output'];
};

export type ClassParticleIntervals = {
  __typename?: 'ClassParticleIntervals';
  areaFraction: MeasurementInterval;
  class: Scalars['Int']['output'];
  count: MeasurementInterval;
  equivalentDiameterPercentiles: Array<PercentileInterval>;
  /** Null when the class has no objects on any mask of the band. */
  meanArea: Maybe<MeasurementInterval>;
  meanEquivalentDiameter: Maybe<MeasurementInterval>;
  medianEquivalentDiameter: Maybe<MeasurementInterval>;
};

export type ClassParticleMeasurement = {
  __typename?: 'ClassParticleMeasurement';
  area: SampleStatistics;
  areaFraction: Scalars['Float']['output'];
  /** Miles-Lantuejoul estimate of the count, free of the frame's bias against large objects. */
  borderCorrectedCount: Scalars['Float']['output'];
  borderCorrectedMeanArea: Maybe<Scalars['Float']['output']>;
  class: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  equivalentDiameter: SampleStatistics;
  histogram: Histogram;
  /** Objects not touching the image border. */
  interiorCount: Scalars['Int']['output'];
  interiorMeanArea: Maybe<Scalars['Float']['output']>;
  pixelCount: Scalars['Int']['output'];
};

/** One class's objects pooled over every mask of a source. */
export type ClassParticleSummary = {
  __typename?: 'ClassParticleSummary';
  /** Class pixels over all pixels of the masks. */
  areaFraction: Scalars['Float']['output'];
  class: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  histogram: Histogram;
  interiorCount: Scalars['Int']['output'];
  meanArea: Maybe<Scalars['Float']['output']>;
  meanEquivalentDiameter: Maybe<Scalars['Float']['output']>;
  medianArea: Maybe<Scalars['Float']['output']>;
  medianEquivalentDiameter: Maybe<Scalars['Float']['output']>;
  stdArea: Maybe<Scalars['Float']['output']>;
};

/** How a model's probabilities become classes. */
export type ClassRule =
  /** The most probable class everywhere. */
  | 'argmax'
  /** The paper's (pretrained-microscopy-models): a class where its probability exceeds 0.5, the background (class 0) elsewhere. */
  | 'threshold';

export type CompleteImageUploadInput = {
  limsId?: InputMaybe<Scalars['ID']['input']>;
  /** The mask uploaded with the image: validated before anything is stored. */
  mask?: InputMaybe<CompleteUploadedMaskInput>;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** Default: the file name without extension; unique within the dataset. */
  name?: InputMaybe<Scalars['String']['input']>;
  parts?: InputMaybe<Array<UploadedPartInput>>;
  /** Overrides the TIFF resolution tags and the dataset default. */
  pixelSize?: InputMaybe<PixelSizeInput>;
  uploadId: Scalars['ID']['input'];
};

export type CompleteMaskUploadInput = {
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  parts?: InputMaybe<Array<UploadedPartInput>>;
  source?: InputMaybe<MaskSource>;
  uploadId: Scalars['ID']['input'];
};

export type CompleteUploadedMaskInput = {
  parts?: InputMaybe<Array<UploadedPartInput>>;
  /** The mask ticket's uploadId from createImageUpload. */
  uploadId: Scalars['ID']['input'];
};

export type CompletedImageUpload = {
  __typename?: 'CompletedImageUpload';
  /** True when the dataset already held these bytes: the existing image is returned. */
  deduplicated: Scalars['Boolean']['output'];
  image: Image;
  /** The mask completed with the image (both or neither are stored). */
  mask: Maybe<Mask>;
};

export type CreateApiKeyInput = {
  /**
   * Trusted documents: sha256 (lower-case hex) of the exact text of each GraphQL document the key
   * may send (as Apollo persisted queries hash it). Any other document answers FORBIDDEN.
   */
  allowedOperations?: InputMaybe<Array<Scalars['String']['input']>>;
  /** When the key stops working; in the future. A key that expires can only create keys that expire no later. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Another member's key (admins only); default the caller. */
  memberId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  /**
   * Limits the key (a machine's, say) to some of: images:upload, results:read, datasets:read,
   * datasets:write, models:read, models:write, training:run, pipeline:manage, admin. A call outside
   * them answers FORBIDDEN with details.requiredScope; the member's role still applies. Default:
   * every scope. A key with scopes can only create keys with some of its own.
   */
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateDatasetInput = {
  classes: Array<DatasetClassInput>;
  defaultPixelSize?: InputMaybe<PixelSizeInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  material?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  visibility?: InputMaybe<VisibilityInput>;
};

export type CreateImageUploadInput = {
  contentType?: InputMaybe<Scalars['String']['input']>;
  datasetId: Scalars['ID']['input'];
  /** Shorter than the default 900 seconds if wanted. */
  expiresInSeconds?: InputMaybe<Scalars['Int']['input']>;
  fileName: Scalars['String']['input'];
  /** The image's ground-truth mask, uploaded beside it and stored with it: a refused mask stores neither. */
  mask?: InputMaybe<UploadFileInput>;
  /** Lower-case hex sha256 of the file; checked on completion. */
  sha256: Scalars['String']['input'];
  sizeBytes: Scalars['Float']['input'];
};

export type CreateMaskUploadInput = {
  expiresInSeconds?: InputMaybe<Scalars['Int']['input']>;
  fileName: Scalars['String']['input'];
  imageId: Scalars['ID']['input'];
  sha256: Scalars['String']['input'];
  sizeBytes: Scalars['Float']['input'];
};

export type CreateModelPackageUploadInput = {
  fileName: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
  sizeBytes: Scalars['Float']['input'];
};

export type CreatePolicyInput = {
  alias: Scalars['String']['input'];
  datasetId: Scalars['ID']['input'];
  /** A registry model id or name the group may use. */
  model: Scalars['String']['input'];
};

export type CreateWebhookInput = {
  events: Array<WebhookEventName>;
  url: Scalars['String']['input'];
};

export type CreateWeightsUploadInput = {
  fileName: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
  sizeBytes: Scalars['Float']['input'];
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  key: ApiKey;
  /** The key itself. Shown once; store it now. */
  secret: Scalars['String']['output'];
};

export type CreatedWebhook = {
  __typename?: 'CreatedWebhook';
  /** The signing secret, shown this once. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

export type Dataset = {
  __typename?: 'Dataset';
  classes: Array<DatasetClass>;
  createdAt: Scalars['DateTime']['output'];
  defaultPixelSize: Maybe<PixelSize>;
  description: Scalars['String']['output'];
  experiments: Array<Experiment>;
  id: Scalars['ID']['output'];
  imageCount: Scalars['Int']['output'];
  images: ImageConnection;
  material: Scalars['String']['output'];
  name: Scalars['String']['output'];
  owner: Maybe<Group>;
  updatedAt: Scalars['DateTime']['output'];
  /** The dataset's frozen versions, by number (oldest first). */
  versions: DatasetVersionConnection;
  visibility: Visibility;
};


export type DatasetImagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImageFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type DatasetVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A class of the dataset's masks: the index stored in index masks, its name and colour. */
export type DatasetClass = {
  __typename?: 'DatasetClass';
  /** #rrggbb; colour masks are read through these colours. */
  color: Scalars['String']['output'];
  index: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

export type DatasetClassInput = {
  color: Scalars['String']['input'];
  index: Scalars['Int']['input'];
  name: Scalars['String']['input'];
};

export type DatasetConnection = {
  __typename?: 'DatasetConnection';
  nodes: Array<Dataset>;
  pageInfo: PageInfo;
};

export type DatasetFilter = {
  material?: InputMaybe<Scalars['String']['input']>;
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only the caller's group's datasets. */
  ownedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type DatasetMeasurementSummary = {
  __typename?: 'DatasetMeasurementSummary';
  datasetId: Scalars['ID']['output'];
  datasetVersionId: Maybe<Scalars['ID']['output']>;
  /** The profile in force, whose measurements are summarised. */
  profileHash: Scalars['String']['output'];
  sources: Array<SourceMeasurementSummary>;
};

export type DatasetVersion = {
  __typename?: 'DatasetVersion';
  /** sha256 over the version's images, masks, splits and classes. */
  contentHash: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  experiments: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  imageCount: Scalars['Int']['output'];
  maskCount: Scalars['Int']['output'];
  note: Maybe<Scalars['String']['output']>;
  number: Scalars['Int']['output'];
};

export type DatasetVersionConnection = {
  __typename?: 'DatasetVersionConnection';
  nodes: Array<DatasetVersion>;
  pageInfo: PageInfo;
};

/** A Deep Zoom (DZI) pyramid: the micrograph's, or one of its masks' in the dataset's class colours (class 0 transparent). Made on the first ask (seconds for a large image), then kept. */
export type DeepZoom = {
  __typename?: 'DeepZoom';
  /** jpeg for micrographs, png for masks. */
  format: Scalars['String']['output'];
  height: Scalars['Int']['output'];
  /** The full-size level; each level below is half the one above, level 0 one pixel. */
  maxLevel: Scalars['Int']['output'];
  overlap: Scalars['Int']['output'];
  tileSize: Scalars['Int']['output'];
  /** Presigned GET URLs (valid 15 minutes) of a block of one level's tiles from (column, row), at most 16 x 16; tiles outside the level are left out. */
  tiles: Array<DeepZoomTile>;
  width: Scalars['Int']['output'];
};


/** A Deep Zoom (DZI) pyramid: the micrograph's, or one of its masks' in the dataset's class colours (class 0 transparent). Made on the first ask (seconds for a large image), then kept. */
export type DeepZoomTilesArgs = {
  column: Scalars['Int']['input'];
  columns?: InputMaybe<Scalars['Int']['input']>;
  level: Scalars['Int']['input'];
  row: Scalars['Int']['input'];
  rows?: InputMaybe<Scalars['Int']['input']>;
};

export type DeepZoomTile = {
  __typename?: 'DeepZoomTile';
  column: Scalars['Int']['output'];
  row: Scalars['Int']['output'];
  url: Scalars['String']['output'];
};

export type Deletion = {
  __typename?: 'Deletion';
  deletedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
};

export type DriftClass = {
  __typename?: 'DriftClass';
  areaFraction: DriftDelta;
  class: Scalars['Int']['output'];
  count: DriftDelta;
  /** Mean object area, in the measurement's unit squared. */
  meanArea: DriftOptionalDelta;
};

/** Per class over the images both versions measured. */
export type DriftDatasetClass = {
  __typename?: 'DriftDatasetClass';
  /** Class pixels over all pixels of the matched images, with pooled intervals. */
  areaFraction: Maybe<DriftDelta>;
  class: Scalars['Int']['output'];
  /** Objects in all matched images, each side with its pooled interval (sampling error across images joined with the sets' own intervals moved together); null while an inference service from before pooled intervals answers. */
  count: Maybe<DriftDelta>;
  countDelta: Scalars['Float']['output'];
  images: Scalars['Int']['output'];
  meanAbsAreaFractionDelta: Scalars['Float']['output'];
  /** Mean object area over every object of the matched images, with pooled intervals. */
  meanArea: Maybe<DriftOptionalDelta>;
};

/** A number before (old model version) and after (new one); delta = new - old. */
export type DriftDelta = {
  __typename?: 'DriftDelta';
  /** True when the two intervals do not overlap: a change neither version's uncertainty explains; null without both intervals. */
  beyondUncertainty: Maybe<Scalars['Boolean']['output']>;
  delta: Scalars['Float']['output'];
  new: Scalars['Float']['output'];
  newInterval: Maybe<ValueInterval>;
  old: Scalars['Float']['output'];
  /** The old version's interval of the number (MeasurementSet.uncertainty); null when it has none. */
  oldInterval: Maybe<ValueInterval>;
};

export type DriftImage = {
  __typename?: 'DriftImage';
  classes: Array<DriftClass>;
  imageId: Scalars['ID']['output'];
  meanThickness: DriftOptionalDelta;
};

/** As DriftDelta, null where a side has no value (no object of the class, no thickness measured). */
export type DriftOptionalDelta = {
  __typename?: 'DriftOptionalDelta';
  beyondUncertainty: Maybe<Scalars['Boolean']['output']>;
  delta: Maybe<Scalars['Float']['output']>;
  new: Maybe<Scalars['Float']['output']>;
  newInterval: Maybe<ValueInterval>;
  old: Maybe<Scalars['Float']['output']>;
  oldInterval: Maybe<ValueInterval>;
};

/** Old vs new model version on the same images, from the dataset profile's measurements of both. */
export type DriftReport = {
  __typename?: 'DriftReport';
  dataset: Array<DriftDatasetClass>;
  datasetId: Scalars['ID']['output'];
  fromVersionId: Scalars['ID']['output'];
  images: Array<DriftImage>;
  toVersionId: Scalars['ID']['output'];
  unmatched: DriftUnmatched;
};

/** Images measured by one of the two versions only (failed, or not yet measured by the other). */
export type DriftUnmatched = {
  __typename?: 'DriftUnmatched';
  onlyNew: Array<Scalars['ID']['output']>;
  onlyOld: Array<Scalars['ID']['output']>;
};

export type EpochRecord = {
  __typename?: 'EpochRecord';
  at: Scalars['DateTime']['output'];
  epoch: Scalars['Int']['output'];
  /** This epoch's weights became the best checkpoint. */
  improved: Scalars['Boolean']['output'];
  learningRate: Scalars['Float']['output'];
  loss: Scalars['Float']['output'];
  seconds: Scalars['Float']['output'];
  step: Scalars['Int']['output'];
  valIou: Scalars['Float']['output'];
};

export type Experiment = {
  __typename?: 'Experiment';
  name: Scalars['String']['output'];
  notes: Scalars['JSON']['output'];
  test: Array<Scalars['ID']['output']>;
  train: Array<Scalars['ID']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  val: Array<Scalars['ID']['output']>;
};

/** One quantity of one class (null: thickness, of the whole layer) against its tolerance. */
export type GateCheck = {
  __typename?: 'GateCheck';
  candidate: Maybe<Scalars['Float']['output']>;
  class: Maybe<Scalars['Int']['output']>;
  className: Maybe<Scalars['String']['output']>;
  /** candidate - reference (IoU: the IoU minus 1). */
  difference: Maybe<Scalars['Float']['output']>;
  passed: Scalars['Boolean']['output'];
  quantity: GateQuantity;
  reference: Maybe<Scalars['Float']['output']>;
  relativeDifference: Maybe<Scalars['Float']['output']>;
  /** The check in words, as the CLI prints it. */
  summary: Scalars['String']['output'];
  tolerance: GateTolerance;
};

/** What a promotion gate compares the candidate version's masks with. */
export type GateComparison =
  /** The masks of the version the alias names now. */
  | 'currentVersion'
  /** The reference images' ground-truth masks. */
  | 'groundTruth';

export type GateError = {
  __typename?: 'GateError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/**
 * What a promotion gate measures, pooled over the reference images: areaFraction (class pixels over
 * all pixels), count (particles, summed), meanEquivalentDiameter (over all particles, pixels),
 * thickness (mean layer thickness of all foreground classes, pixels), iou (per class, pooled).
 */
export type GateQuantity =
  | 'areaFraction'
  | 'count'
  | 'iou'
  | 'meanEquivalentDiameter'
  | 'thickness';

export type GateReport = {
  __typename?: 'GateReport';
  candidateVersionId: Scalars['ID']['output'];
  checks: Array<GateCheck>;
  comparison: GateComparison;
  datasetVersionId: Scalars['ID']['output'];
  /** Why the gate could not be evaluated (the move was refused). */
  error: Maybe<GateError>;
  evaluatedAt: Scalars['DateTime']['output'];
  experiment: Scalars['String']['output'];
  /** Reference images compared. */
  images: Scalars['Int']['output'];
  passed: Scalars['Boolean']['output'];
  /** The version compared against (CURRENT_VERSION); null against the ground truth. */
  referenceVersionId: Maybe<Scalars['ID']['output']>;
  skippedImages: Array<GateSkippedImage>;
  subset: SplitSubset;
  /** Unit of lengths: px (both sides are the same images). */
  unit: Scalars['String']['output'];
};

export type GateSkippedImage = {
  __typename?: 'GateSkippedImage';
  imageId: Scalars['ID']['output'];
  reason: Scalars['String']['output'];
};

export type GateTolerance = {
  __typename?: 'GateTolerance';
  /** |candidate - reference| at most this (fraction, particles or pixels). */
  absolute: Maybe<Scalars['Float']['output']>;
  /** IoU only: at least this. */
  min: Maybe<Scalars['Float']['output']>;
  quantity: GateQuantity;
  /** |candidate - reference| / |reference| at most this (0.1 = 10 %). */
  relative: Maybe<Scalars['Float']['output']>;
};

export type GateToleranceInput = {
  absolute?: InputMaybe<Scalars['Float']['input']>;
  min?: InputMaybe<Scalars['Float']['input']>;
  quantity: GateQuantity;
  relative?: InputMaybe<Scalars['Float']['input']>;
};

export type Group = {
  __typename?: 'Group';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type GroupConnection = {
  __typename?: 'GroupConnection';
  nodes: Array<Group>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type HealthCheck = {
  __typename?: 'HealthCheck';
  detail: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
};

/** Log-spaced bins of equivalent diameter: edges has one more entry than counts. */
export type Histogram = {
  __typename?: 'Histogram';
  counts: Array<Scalars['Float']['output']>;
  edges: Array<Scalars['Float']['output']>;
};

export type Image = {
  __typename?: 'Image';
  bitDepth: Scalars['Int']['output'];
  channels: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  deepZoom: DeepZoom;
  /** Presigned GET URLs, valid 15 minutes. */
  downloadUrls: ImageDownloadUrls;
  /** The image's current model masks against its manual mask; empty when it has no manual mask. */
  evaluations: Array<MaskEvaluation>;
  fileName: Scalars['String']['output'];
  format: ImageFormat;
  hasMask: Scalars['Boolean']['output'];
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  limsId: Maybe<Scalars['ID']['output']>;
  /** JPEG uploads: accepted, but their pixels are not the instrument's. */
  lossy: Scalars['Boolean']['output'];
  masks: Array<Mask>;
  /** Every measurement of this image's masks, newest first. */
  measurements: MeasurementSetConnection;
  metadata: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  pixelSize: Maybe<PixelSize>;
  pixelSizeSource: Maybe<PixelSizeSource>;
  /** Model segmentations of this image, oldest first. */
  segmentations: SegmentationConnection;
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  width: Scalars['Int']['output'];
};


export type ImageEvaluationsArgs = {
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
};


export type ImageMeasurementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  source?: InputMaybe<MaskSource>;
};


export type ImageSegmentationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SegmentationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** An image was stored in a dataset. */
export type ImageAdded = {
  __typename?: 'ImageAdded';
  datasetId: Scalars['ID']['output'];
  /** The image as it is now; null when it was deleted since (e.g. its mask was refused). */
  image: Maybe<Image>;
  imageId: Scalars['ID']['output'];
};

export type ImageConnection = {
  __typename?: 'ImageConnection';
  nodes: Array<Image>;
  pageInfo: PageInfo;
};

export type ImageDownloadUrls = {
  __typename?: 'ImageDownloadUrls';
  expiresAt: Scalars['DateTime']['output'];
  normalised: Scalars['String']['output'];
  original: Scalars['String']['output'];
  thumbnail: Scalars['String']['output'];
};

export type ImageFilter = {
  /** Images assigned to this experiment (any subset unless subset is given). */
  experiment?: InputMaybe<Scalars['String']['input']>;
  /** Whether the image has a ground-truth mask. */
  hasMask?: InputMaybe<Scalars['Boolean']['input']>;
  limsId?: InputMaybe<Scalars['ID']['input']>;
  /** Images whose metadata contains every one of these key/values. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  subset?: InputMaybe<SplitSubset>;
};

export type ImageFormat =
  | 'jpeg'
  | 'png'
  | 'tiff';

export type ImportModelPackageInput = {
  material?: InputMaybe<Scalars['String']['input']>;
  /** The registry model it becomes a version of (created when new); default the package's name. */
  modelName?: InputMaybe<Scalars['String']['input']>;
  uploadId: Scalars['ID']['input'];
  visibility?: InputMaybe<VisibilityInput>;
};

export type ImportWeightsInput = {
  architecture?: InputMaybe<Scalars['String']['input']>;
  /** Needed when neither the file name nor the checkpoint names the encoder. */
  encoder?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  uploadId: Scalars['ID']['input'];
  visibility?: InputMaybe<VisibilityInput>;
};

export type ImportedWeights = {
  __typename?: 'ImportedWeights';
  architecture: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  encoder: Scalars['String']['output'];
  fileName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  pretraining: Maybe<Scalars['String']['output']>;
  scope: WeightsScope;
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  tensorCount: Scalars['Int']['output'];
  visibility: Visibility;
};

export type ImportedWeightsConnection = {
  __typename?: 'ImportedWeightsConnection';
  nodes: Array<ImportedWeights>;
  pageInfo: PageInfo;
};

export type InitialWeights = {
  __typename?: 'InitialWeights';
  id: Maybe<Scalars['ID']['output']>;
  kind: InitialWeightsKind;
  name: Scalars['String']['output'];
};

export type InitialWeightsKind =
  | 'random'
  | 'version'
  | 'weights';

/** A model version's measurement-interval calibration, made at registration on its validation split (split conformal): its sets' intervals are widened by it. With the version's out-of-distribution threshold it says how far to trust the intervals of its sets: a factor well above 1 means the model's own doubt understated its errors on held-out images. */
export type IntervalCalibration = {
  __typename?: 'IntervalCalibration';
  classes: Array<ClassIntervalCalibration>;
  /** The coverage the factors aim at on held-out images. */
  coverage: Scalars['Float']['output'];
  /** Validation images it rests on. */
  images: Scalars['Int']['output'];
  method: Scalars['String']['output'];
  /** The layer thickness calibration; null when no validation image had a layer on both the model's and the true mask (particles only), and for versions calibrated before thickness was. */
  thickness: Maybe<ThicknessIntervalCalibration>;
};

/** A number a calibration scales the interval of. */
export type IntervalQuantity =
  | 'areaFraction'
  /** Objects of the class. */
  | 'count'
  /** The layer's mean thickness. */
  | 'mean'
  | 'meanArea'
  | 'meanEquivalentDiameter'
  /** 10th percentile (of the equivalent diameter, or of the thickness). */
  | 'p10'
  /** Median. */
  | 'p50'
  /** 90th percentile. */
  | 'p90';

export type IntervalScale = {
  __typename?: 'IntervalScale';
  /** What each side of the model's own interval is multiplied by (at least 1). */
  factor: Scalars['Float']['output'];
  /** Validation fields (images and their quadrants) it rests on. */
  fields: Scalars['Int']['output'];
  /** The smallest side, in pixels (counts and fractions as they are). */
  floor: Scalars['Float']['output'];
  quantity: IntervalQuantity;
};

export type IouDefinition =
  /** Mean IoU per class: versions registered before the paper's IoU was adopted. */
  | 'mean_class'
  /** segmentation_models_pytorch's IoU pooled over the one-hot channels, as the paper reports it. */
  | 'paper';

export type JobError = {
  __typename?: 'JobError';
  code: Scalars['String']['output'];
  details: Scalars['JSON']['output'];
  message: Scalars['String']['output'];
};

export type LayerThicknessMeasurement = {
  __typename?: 'LayerThicknessMeasurement';
  classes: Array<Scalars['Int']['output']>;
  layerArea: Scalars['Float']['output'];
  layerPixels: Scalars['Int']['output'];
  minArea: Scalars['Int']['output'];
  radius: Scalars['Int']['output'];
  skeletonPixels: Scalars['Int']['output'];
  /** 2 x the distance to the background on every medial-axis pixel. */
  thickness: SampleStatistics;
};

export type LengthUnit =
  | 'mm'
  | 'nm'
  | 'um';

export type Lineage = {
  __typename?: 'Lineage';
  /** Initial weights, their initial weights... up to random init or an import. */
  ancestors: Array<LineageStep>;
  dataset: TrainingData;
  /** Versions trained from this one (directly), oldest first. */
  descendants: ModelVersionConnection;
  job: Maybe<TrainingJob>;
  version: ModelVersion;
};


export type LineageDescendantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type LineageStep = {
  __typename?: 'LineageStep';
  imported: Maybe<ImportedWeights>;
  version: Maybe<ModelVersion>;
  weights: InitialWeights;
};

export type LossWeights = {
  __typename?: 'LossWeights';
  bce: Scalars['Float']['output'];
  dice: Scalars['Float']['output'];
};

export type Mask = {
  __typename?: 'Mask';
  /** Pixels per class index. */
  classPixels: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  deepZoom: DeepZoom;
  id: Scalars['ID']['output'];
  imageId: Scalars['ID']['output'];
  /** Presigned GET URL of the mask as an 8-bit index PNG, valid 15 minutes. */
  indexUrl: Scalars['String']['output'];
  kind: MaskKind;
  /** The model version that made the mask; null for ground truth, and when the caller may not read that version (another group's private model behind a dataset shared with the caller). A label that is no registry id is shown as uploaded. */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  sha256: Scalars['String']['output'];
  source: MaskSource;
};

/** A model mask of an image scored against the image's current manual (ground-truth) mask, over the dataset's non-background classes. */
export type MaskEvaluation = {
  __typename?: 'MaskEvaluation';
  /** The accuracy map PNG (true positives white, misses magenta, false alarms cyan): presigned GET URL, valid 15 minutes. */
  accuracyMapUrl: Scalars['String']['output'];
  classes: Array<MaskEvaluationClass>;
  expiresAt: Scalars['DateTime']['output'];
  /** Mean of the per-class IoU; null when the dataset has no foreground class. */
  meanIoU: Maybe<Scalars['Float']['output']>;
  modelMaskId: Scalars['ID']['output'];
  /** The model version that made the mask; null for ground truth, and when the caller may not read that version (another group's private model behind a dataset shared with the caller). A label that is no registry id is shown as uploaded. */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  truthMaskId: Scalars['ID']['output'];
};

/** One class of a model mask scored against the manual mask (pixels; 1 when nothing to get wrong). */
export type MaskEvaluationClass = {
  __typename?: 'MaskEvaluationClass';
  class: Scalars['Int']['output'];
  iou: Scalars['Float']['output'];
  precision: Scalars['Float']['output'];
  recall: Scalars['Float']['output'];
};

export type MaskKind =
  | 'colour'
  | 'index';

export type MaskSource =
  | 'ground_truth'
  | 'model';

export type Me = {
  __typename?: 'Me';
  group: Group;
  groupId: Scalars['ID']['output'];
  groupName: Scalars['String']['output'];
  memberId: Scalars['ID']['output'];
  role: Role;
  /** The key's scopes; null: whatever the role allows. */
  scopes: Maybe<Array<Scalars['String']['output']>>;
};

/** One object (connected component) of a class as metrology measured it; lengths and areas in the measurement set's unit. */
export type MeasuredObject = {
  __typename?: 'MeasuredObject';
  area: Scalars['Float']['output'];
  centroidCol: Scalars['Float']['output'];
  centroidRow: Scalars['Float']['output'];
  class: Scalars['Int']['output'];
  eccentricity: Scalars['Float']['output'];
  equivalentDiameter: Scalars['Float']['output'];
  majorAxisLength: Scalars['Float']['output'];
  maxCol: Scalars['Int']['output'];
  maxRow: Scalars['Int']['output'];
  minCol: Scalars['Int']['output'];
  /** Bounding box in image pixels, ends exclusive. */
  minRow: Scalars['Int']['output'];
  minorAxisLength: Scalars['Float']['output'];
  /** The object's index within its class, as in the CSV export. */
  object: Scalars['Int']['output'];
  perimeter: Scalars['Float']['output'];
  solidity: Scalars['Float']['output'];
  touchesBorder: Scalars['Boolean']['output'];
};

/** A mask of an image was measured (succeeded or failed), as the pipeline reports it. */
export type MeasurementCompleted = {
  __typename?: 'MeasurementCompleted';
  codeVersion: Scalars['String']['output'];
  completedAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  error: Maybe<MeasurementError>;
  imageId: Scalars['ID']['output'];
  /** Empty when the measurement failed. */
  kinds: Array<MeasurementKind>;
  /** The image's LIMS sample id when it has one. */
  limsId: Maybe<Scalars['ID']['output']>;
  maskId: Scalars['ID']['output'];
  /** The measurement set's id. */
  measurementId: Scalars['ID']['output'];
  /** The numbers, plots and provenance (read when asked for; null if the image was deleted since). */
  measurementSet: Maybe<MeasurementSet>;
  /** The model version that made the mask; null for ground truth. */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  profileHash: Scalars['String']['output'];
  source: MaskSource;
  status: MeasurementStatus;
};

export type MeasurementError = {
  __typename?: 'MeasurementError';
  code: Scalars['String']['output'];
  details: Scalars['JSON']['output'];
  message: Scalars['String']['output'];
};

export type MeasurementExport = {
  __typename?: 'MeasurementExport';
  expiresAt: Scalars['DateTime']['output'];
  format: MeasurementExportFormat;
  /** Objects (CSV) or measurement sets (JSON). */
  rowCount: Scalars['Int']['output'];
  /** Presigned GET URL, valid 15 minutes. */
  url: Scalars['String']['output'];
};

export type MeasurementExportFormat =
  | 'csv'
  | 'json';

/** Where a measured number may lie: on a model mask, the spread between the masks at the model's lower and upper probability thresholds, widened by the sampling error across objects; elsewhere the sampling error alone. low <= the number <= high. */
export type MeasurementInterval = {
  __typename?: 'MeasurementInterval';
  /** Nominal coverage of the sampling part, e.g. 0.95 (the probability band has no nominal level of its own). */
  coverage: Scalars['Float']['output'];
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
  /** How the interval was made, in words (the same for every interval of a set). */
  method: Scalars['String']['output'];
};

/** What a measurement set holds numbers of. */
export type MeasurementKind =
  | 'particles'
  | 'thickness';

export type MeasurementPlots = {
  __typename?: 'MeasurementPlots';
  /** SVG, presigned GET URL valid 15 minutes. */
  sizeHistogramUrl: Maybe<Scalars['String']['output']>;
  /**
   * The plots as Vega-Lite (v5) specs with their data inline, for a page to draw (e.g. rendered to
   * SVG with Vega): the size histogram, the area fraction per class, and for a layer the thickness
   * histogram and (per image) the thickness profile. A plot with nothing to draw is left out.
   */
  specs: Array<PlotSpec>;
  thicknessHistogramUrl: Maybe<Scalars['String']['output']>;
};

export type MeasurementProfile = {
  __typename?: 'MeasurementProfile';
  datasetId: Scalars['ID']['output'];
  /** True when no profile is stored and this one is derived from the dataset's classes. */
  isDefault: Scalars['Boolean']['output'];
  profile: MeasurementProfileSpec;
  profileHash: Scalars['String']['output'];
  updatedAt: Maybe<Scalars['DateTime']['output']>;
};

export type MeasurementProfileInput = {
  classes: Array<Scalars['Int']['input']>;
  histogramBins?: InputMaybe<Scalars['Int']['input']>;
  particles?: InputMaybe<ParticleAnalysisInput>;
  /** How lengths are scaled; default { policy: IMAGE }: each image's own pixel size, pixels when it has none. */
  pixelSize?: InputMaybe<PixelSizeSettingsInput>;
  thickness?: InputMaybe<ThicknessAnalysisInput>;
};

export type MeasurementProfileSpec = {
  __typename?: 'MeasurementProfileSpec';
  /** Every value a mask may hold; any other value fails the measurement. */
  classes: Array<Scalars['Int']['output']>;
  histogramBins: Scalars['Int']['output'];
  particles: Maybe<ParticleAnalysisSettings>;
  pixelSize: PixelSizeSettings;
  thickness: Maybe<ThicknessAnalysisSettings>;
};

/** Where a measurement comes from: every number traces to these. */
export type MeasurementProvenance = {
  __typename?: 'MeasurementProvenance';
  /** The metrology code version. */
  codeVersion: Scalars['String']['output'];
  imageId: Scalars['ID']['output'];
  imageSha256: Scalars['String']['output'];
  limsId: Maybe<Scalars['ID']['output']>;
  maskId: Scalars['ID']['output'];
  maskSha256: Scalars['String']['output'];
  measuredAt: Scalars['DateTime']['output'];
  /** Null for ground-truth masks, or when the caller may no longer read the version. */
  modelVersion: Maybe<ProvenanceModelVersion>;
  /** The measurement profile the numbers were computed with. */
  parameters: Scalars['JSON']['output'];
  profileHash: Scalars['String']['output'];
  /** The segmentation that produced a model mask (backend, tiles, the inference code version). */
  segmentation: Maybe<Segmentation>;
  source: MaskSource;
};

/** One mask measured with one profile by one code version. */
export type MeasurementSet = {
  __typename?: 'MeasurementSet';
  /** The class rule of the model version that made the mask; null for ground truth, an outside model's label, or a version the caller may not read. */
  classRule: Maybe<ClassRule>;
  codeVersion: Scalars['String']['output'];
  completedAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  /** Why a failed measurement failed (a corrupt or colour mask, class values outside the profile...). */
  error: Maybe<MeasurementError>;
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  imageId: Scalars['ID']['output'];
  maskId: Scalars['ID']['output'];
  /** sha256 of the index mask that was measured. */
  maskSha256: Scalars['String']['output'];
  /** The model version that made the mask; null for ground truth, and when the caller may not read that version (another group's private model behind a dataset shared with the caller). A label that is no registry id is shown as uploaded. */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  /** The objects whose bounding box holds image pixel (x: column, y: row), smallest box first (at most limit, 1 to 20). */
  objectsAt: Array<MeasuredObject>;
  particles: Array<ClassParticleMeasurement>;
  /** The pixel size lengths were converted with; null when they are in pixels (unit px). */
  pixelSize: Maybe<PixelSize>;
  /** Where pixelSize came from; null when the results are in pixels or it was not recorded (measured before it was). */
  pixelSizeSource: Maybe<PixelSizeSource>;
  plots: MeasurementPlots;
  profile: MeasurementProfileSpec;
  profileHash: Scalars['String']['output'];
  provenance: MeasurementProvenance;
  source: MaskSource;
  startedAt: Scalars['DateTime']['output'];
  status: MeasurementStatus;
  thickness: Maybe<LayerThicknessMeasurement>;
  /** Intervals of this set's numbers; null for a failed set and for sets measured before intervals were. */
  uncertainty: Maybe<MeasurementUncertainty>;
  /** nm, um or mm; px when the image has no known pixel size (never a guessed unit). */
  unit: Scalars['String']['output'];
  width: Scalars['Int']['output'];
};


/** One mask measured with one profile by one code version. */
export type MeasurementSetObjectsAtArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  x: Scalars['Float']['input'];
  y: Scalars['Float']['input'];
};

export type MeasurementSetConnection = {
  __typename?: 'MeasurementSetConnection';
  nodes: Array<MeasurementSet>;
  pageInfo: PageInfo;
};

export type MeasurementStatus =
  | 'failed'
  | 'succeeded';

export type MeasurementUncertainty = {
  __typename?: 'MeasurementUncertainty';
  /** Nominal coverage of the intervals' sampling part. */
  coverage: Scalars['Float']['output'];
  method: Scalars['String']['output'];
  particles: Array<ClassParticleIntervals>;
  /** Null when the mask had no band (ground truth, an uploaded mask, a model mask made before bands): sampling error only. */
  probabilityBand: Maybe<ProbabilityBand>;
  thickness: Maybe<ThicknessIntervals>;
};

export type Member = {
  __typename?: 'Member';
  createdAt: Scalars['DateTime']['output'];
  email: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: Role;
};

export type MemberConnection = {
  __typename?: 'MemberConnection';
  nodes: Array<Member>;
  pageInfo: PageInfo;
};

/** Where the truth of a size lay in the validation fields where the model found no object of the class, in pixels (areas in square pixels). */
export type MissedRange = {
  __typename?: 'MissedRange';
  /** Validation fields (images and their quadrants) it rests on. */
  fields: Scalars['Int']['output'];
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
  quantity: IntervalQuantity;
};

export type Model = {
  __typename?: 'Model';
  /** Promotion gates declared on this model's aliases. */
  aliasGates: Array<AliasGate>;
  /** Every move of the model's aliases (or of one alias), oldest first, including rejected and refused ones. */
  aliasHistory: AliasMoveConnection;
  aliases: Array<ModelAlias>;
  card: ModelCard;
  classes: Array<DatasetClass>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  material: Scalars['String']['output'];
  name: Scalars['String']['output'];
  owner: Maybe<Group>;
  task: Scalars['String']['output'];
  versionCount: Scalars['Int']['output'];
  versions: ModelVersionConnection;
};


export type ModelAliasHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  alias?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type ModelVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ModelAlias = {
  __typename?: 'ModelAlias';
  alias: Scalars['String']['output'];
  movedAt: Scalars['DateTime']['output'];
  movedBy: Scalars['ID']['output'];
  versionId: Scalars['ID']['output'];
  versionNumber: Scalars['Int']['output'];
};

export type ModelCard = {
  __typename?: 'ModelCard';
  intendedMaterial: Maybe<Scalars['String']['output']>;
  limits: Maybe<Scalars['String']['output']>;
  magnification: Maybe<Scalars['String']['output']>;
  markdown: Scalars['String']['output'];
  pixelSize: Maybe<PixelSize>;
};

export type ModelCardInput = {
  intendedMaterial?: InputMaybe<Scalars['String']['input']>;
  limits?: InputMaybe<Scalars['String']['input']>;
  magnification?: InputMaybe<Scalars['String']['input']>;
  markdown?: InputMaybe<Scalars['String']['input']>;
  pixelSize?: InputMaybe<PixelSizeInput>;
};

export type ModelConnection = {
  __typename?: 'ModelConnection';
  nodes: Array<Model>;
  pageInfo: PageInfo;
};

export type ModelDownload = {
  __typename?: 'ModelDownload';
  expiresAt: Scalars['DateTime']['output'];
  fileName: Scalars['String']['output'];
  format: ModelDownloadFormat;
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  url: Scalars['String']['output'];
  versionId: Scalars['ID']['output'];
};

/** What a model version downloads as. */
export type ModelDownloadFormat =
  /** The MicroSeg artifact (.tar.gz) that `microseg predict --model` runs. */
  | 'artifact'
  /** A bioimage.io model package (.zip). */
  | 'bioimageio'
  /** The ONNX weights. */
  | 'onnx';

export type ModelFilter = {
  material?: InputMaybe<Scalars['String']['input']>;
  ownedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ModelPackageUploadTicket = {
  __typename?: 'ModelPackageUploadTicket';
  expiresAt: Scalars['DateTime']['output'];
  uploadId: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};

export type ModelVersion = {
  __typename?: 'ModelVersion';
  aliases: Array<Scalars['String']['output']>;
  architecture: Scalars['String']['output'];
  artifact: ArtifactLocation;
  binary: Scalars['Boolean']['output'];
  /** How the version's probabilities become the masks it delivers (and its per-class IoU is scored on). */
  classRule: ClassRule;
  classes: Array<DatasetClass>;
  codeVersion: Scalars['String']['output'];
  /** The full training config: recipe, data, architecture, initial weights, best epoch. */
  config: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  dataset: TrainingData;
  /** A presigned download (15 minutes); a package is built on first request and kept by content. */
  download: ModelDownload;
  durationSeconds: Scalars['Float']['output'];
  encoder: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The measurement-interval calibration made at registration; null when the version has none (no validation split, a binary task, imported, or registered before calibrations). */
  intervalCalibration: Maybe<IntervalCalibration>;
  /** What metrics' iou means. */
  iouDefinition: IouDefinition;
  jobId: Maybe<Scalars['ID']['output']>;
  material: Scalars['String']['output'];
  metrics: VersionMetrics;
  modelId: Scalars['ID']['output'];
  modelName: Scalars['String']['output'];
  number: Scalars['Int']['output'];
  /** The out-of-distribution calibration made at registration; null when the version has none (no validation split, imported, or registered before calibrations). */
  outOfDistribution: Maybe<OutOfDistributionCalibration>;
  owner: Maybe<Group>;
  parent: InitialWeights;
  seed: Scalars['Float']['output'];
  sixteenBitInput: SixteenBitInput;
  visibility: Visibility;
  workerKind: WorkerKind;
};


export type ModelVersionDownloadArgs = {
  format: ModelDownloadFormat;
};

export type ModelVersionConnection = {
  __typename?: 'ModelVersionConnection';
  nodes: Array<ModelVersion>;
  pageInfo: PageInfo;
};

export type ModelVersionFilter = {
  alias?: InputMaybe<Scalars['String']['input']>;
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  material?: InputMaybe<Scalars['String']['input']>;
  /** Test IoU (val IoU without a test split) at least this. */
  minIou?: InputMaybe<Scalars['Float']['input']>;
  modelId?: InputMaybe<Scalars['ID']['input']>;
  ownedOnly?: InputMaybe<Scalars['Boolean']['input']>;
  visibility?: InputMaybe<VisibilityLevel>;
};

export type MultipartUpload = {
  __typename?: 'MultipartUpload';
  partSizeBytes: Scalars['Int']['output'];
  parts: Array<UploadPart>;
};

export type Mutation = {
  __typename?: 'Mutation';
  addMember: Member;
  /** Creates a group with its first admin and API key. Needs the platform admin secret in a cluster. */
  bootstrapGroup: BootstrapGroupPayload;
  /** Queued jobs stop at once, running ones at their next step. */
  cancelTrainingJob: TrainingJob;
  /** Step 2: verifies size and sha256, decodes and validates the image, stores it. */
  completeImageUpload: CompletedImageUpload;
  completeMaskUpload: Mask;
  /** Creates an API key. The secret is in this answer only. */
  createApiKey: CreatedApiKey;
  createDataset: Dataset;
  /** Freezes the dataset's images, masks and splits; unchanged content returns the latest version. */
  createDatasetVersion: DatasetVersion;
  /** Step 1 of an upload: a presigned PUT URL (15 minutes at most), or part URLs for large files. */
  createImageUpload: UploadTicket;
  createMaskUpload: UploadTicket;
  /** Step 1 of importing a bioimage.io model package: a presigned PUT URL for the .zip. */
  createModelPackageUpload: ModelPackageUploadTicket;
  /** Refused with NOT_FOUND for a model the group may not use, INVALID_INPUT when its classes do not fit the dataset. */
  createPolicy: AutomationPolicy;
  createWebhook: CreatedWebhook;
  /** Step 1 of importing weights: a presigned PUT URL for the .pth/.pth.tar (or .safetensors) file. */
  createWeightsUpload: WeightsUploadTicket;
  /** Soft delete: the dataset disappears from every query; the deletion is recorded. */
  deleteDataset: Deletion;
  deleteExperiment: Deletion;
  deleteImage: Deletion;
  deleteMask: Deletion;
  deleteWebhook: Webhook;
  /** Step 2: checks every sha256, reproduces the package's test output on ONNX Runtime, and registers it as a model version (served on ONNX Runtime). */
  importModelPackage: ModelVersion;
  /** Step 2: verifies the file, reads it as an untrusted checkpoint, checks it fits its encoder. */
  importWeights: ImportedWeights;
  pausePolicy: AutomationPolicy;
  /** Queues every current mask of the dataset for measurement; masks already measured with this profile and code stay as they are. */
  remeasureDataset: RemeasureResult;
  removeAliasGate: AliasGate;
  removeMember: Scalars['Boolean']['output'];
  renameGroup: Group;
  /** Trains every experiment x architecture x encoder x initial weights; the table fills as jobs end. */
  reproduceBenchmark: Benchmark;
  resumePolicy: AutomationPolicy;
  /** A failed or cancelled job back in the queue; it resumes from its last checkpoint. */
  retryTrainingJob: TrainingJob;
  revokeApiKey: ApiKey;
  /** Every image of a dataset version (default: the dataset's images now) through the version the alias names now. */
  runPolicy: PipelineRun;
  /** Declares (or replaces) an alias's promotion gate: every later move of the alias must pass it. */
  setAliasGate: AliasGate;
  /** Creates or replaces a named experiment's train/val/test split. */
  setExperiment: Experiment;
  /** Sets the dataset's profile; masks are measured with it from now on (see remeasureDataset). */
  setMeasurementProfile: MeasurementProfile;
  setMemberRole: Member;
  /** Moves an alias atomically; every move (and every lost compare-and-set) is recorded. */
  setModelAlias: AliasMove;
  shareModelVersion: ModelVersion;
  /** Queues a training job with the paper's recipe (overridable). */
  startTraining: TrainingJob;
  updateDataset: Dataset;
  updateImage: Image;
  updateModelCard: Model;
};


export type MutationAddMemberArgs = {
  input: AddMemberInput;
};


export type MutationBootstrapGroupArgs = {
  input: BootstrapGroupInput;
};


export type MutationCancelTrainingJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCompleteImageUploadArgs = {
  input: CompleteImageUploadInput;
};


export type MutationCompleteMaskUploadArgs = {
  input: CompleteMaskUploadInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateDatasetArgs = {
  input: CreateDatasetInput;
};


export type MutationCreateDatasetVersionArgs = {
  datasetId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateImageUploadArgs = {
  input: CreateImageUploadInput;
};


export type MutationCreateMaskUploadArgs = {
  input: CreateMaskUploadInput;
};


export type MutationCreateModelPackageUploadArgs = {
  input: CreateModelPackageUploadInput;
};


export type MutationCreatePolicyArgs = {
  input: CreatePolicyInput;
};


export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


export type MutationCreateWeightsUploadArgs = {
  input: CreateWeightsUploadInput;
};


export type MutationDeleteDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteExperimentArgs = {
  datasetId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};


export type MutationDeleteImageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteMaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportModelPackageArgs = {
  input: ImportModelPackageInput;
};


export type MutationImportWeightsArgs = {
  input: ImportWeightsInput;
};


export type MutationPausePolicyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemeasureDatasetArgs = {
  datasetId: Scalars['ID']['input'];
};


export type MutationRemoveAliasGateArgs = {
  alias: Scalars['String']['input'];
  modelId: Scalars['ID']['input'];
};


export type MutationRemoveMemberArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationRenameGroupArgs = {
  name: Scalars['String']['input'];
};


export type MutationReproduceBenchmarkArgs = {
  input: ReproduceBenchmarkInput;
};


export type MutationResumePolicyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryTrainingJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunPolicyArgs = {
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationSetAliasGateArgs = {
  input: SetAliasGateInput;
};


export type MutationSetExperimentArgs = {
  input: SetExperimentInput;
};


export type MutationSetMeasurementProfileArgs = {
  datasetId: Scalars['ID']['input'];
  input: MeasurementProfileInput;
};


export type MutationSetMemberRoleArgs = {
  memberId: Scalars['ID']['input'];
  role: Role;
};


export type MutationSetModelAliasArgs = {
  input: SetModelAliasInput;
};


export type MutationShareModelVersionArgs = {
  id: Scalars['ID']['input'];
  visibility: VisibilityInput;
};


export type MutationStartTrainingArgs = {
  input: StartTrainingInput;
};


export type MutationUpdateDatasetArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDatasetInput;
};


export type MutationUpdateImageArgs = {
  id: Scalars['ID']['input'];
  input: UpdateImageInput;
};


export type MutationUpdateModelCardArgs = {
  card: ModelCardInput;
  modelId: Scalars['ID']['input'];
};

/** An image's distance to a model version's training data, and whether it is beyond the version's calibrated threshold. */
export type OutOfDistribution = {
  __typename?: 'OutOfDistribution';
  /** score > threshold; null, with the reason, when no verdict can be given (never a guessed threshold). */
  flagged: Maybe<Scalars['Boolean']['output']>;
  /** encoder-feature-distance: root mean square over channels of the deepest encoder features' distance to the training images', in training standard deviations, mean over positions. */
  method: Scalars['String']['output'];
  reason: Maybe<Scalars['String']['output']>;
  /** Null when no score could be computed (see reason). */
  score: Maybe<Scalars['Float']['output']>;
  /** The version's threshold, calibrated on its validation split when it was registered; null without a calibration. */
  threshold: Maybe<Scalars['Float']['output']>;
};

/** How a version's out-of-distribution threshold was calibrated when it was registered. */
export type OutOfDistributionCalibration = {
  __typename?: 'OutOfDistributionCalibration';
  method: Scalars['String']['output'];
  /** threshold = quantile of the validation scores x margin. */
  rule: OutOfDistributionRule;
  threshold: Scalars['Float']['output'];
  trainingImages: Scalars['Int']['output'];
  validationScores: Array<Scalars['Float']['output']>;
};

export type OutOfDistributionRule = {
  __typename?: 'OutOfDistributionRule';
  margin: Scalars['Float']['output'];
  quantile: Scalars['Float']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type ParticleAnalysisInput = {
  classes: Array<Scalars['Int']['input']>;
  connectivity?: InputMaybe<Scalars['Int']['input']>;
};

export type ParticleAnalysisSettings = {
  __typename?: 'ParticleAnalysisSettings';
  classes: Array<Scalars['Int']['output']>;
  /** 4 or 8. */
  connectivity: Scalars['Int']['output'];
};

/** The interval of one percentile (5 ... 95; 50 the median); null interval when there are no values. */
export type PercentileInterval = {
  __typename?: 'PercentileInterval';
  interval: Maybe<MeasurementInterval>;
  percentile: Scalars['Float']['output'];
};

export type PipelineRun = {
  __typename?: 'PipelineRun';
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  failed: Scalars['Int']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  modelVersionId: Scalars['ID']['output'];
  /** Segmented images flagged out of distribution for the run's model version. */
  outOfDistribution: Scalars['Int']['output'];
  policyId: Maybe<Scalars['ID']['output']>;
  segmented: Scalars['Int']['output'];
  /** RUNNING until every image has its segmentation (succeeded or failed). */
  state: PipelineRunState;
  total: Scalars['Int']['output'];
  trigger: PipelineTrigger;
};

export type PipelineRunConnection = {
  __typename?: 'PipelineRunConnection';
  nodes: Array<PipelineRun>;
  pageInfo: PageInfo;
};

export type PipelineRunState =
  | 'failed'
  | 'running'
  | 'succeeded';

/** Why a pipeline step failed for one image (the model cannot take its bit depth or channels...). */
export type PipelineStepError = {
  __typename?: 'PipelineStepError';
  code: Scalars['String']['output'];
  details: Scalars['JSON']['output'];
  message: Scalars['String']['output'];
};

export type PipelineTrigger =
  | 'alias-move'
  | 'batch'
  | 'upload';

export type PixelSize = {
  __typename?: 'PixelSize';
  unit: LengthUnit;
  value: Scalars['Float']['output'];
};

export type PixelSizeInput = {
  unit: LengthUnit;
  value: Scalars['Float']['input'];
};

export type PixelSizePolicy =
  /** The profile's fixed pixel size for every image. */
  | 'fixed'
  /** The image's pixel size; pixels when it has none. */
  | 'image'
  /** Always pixels. */
  | 'pixels';

export type PixelSizeSettings = {
  __typename?: 'PixelSizeSettings';
  fixed: Maybe<PixelSize>;
  policy: PixelSizePolicy;
};

export type PixelSizeSettingsInput = {
  fixed?: InputMaybe<PixelSizeInput>;
  policy: PixelSizePolicy;
};

export type PixelSizeSource =
  /** The dataset's default pixel size. */
  | 'dataset'
  /** FEI / Thermo Fisher's own TIFF tag (FEI_HELIOS / FEI_SFEG, [Scan] PixelWidth). */
  | 'fei_tag'
  /** The measurement profile's fixed pixel size (measurements only). */
  | 'profile'
  /** The TIFF resolution tags (XResolution / ResolutionUnit). */
  | 'tiff'
  /** Given by the user (upload or image update). */
  | 'upload'
  /** Zeiss's own TIFF tag (CZ_SEM, AP_PIXEL_SIZE). */
  | 'zeiss_tag';

export type PlatformHealth = {
  __typename?: 'PlatformHealth';
  services: Array<ServiceHealth>;
  status: ServiceStatus;
};

export type PlotKind =
  | 'area_fractions'
  | 'size_histogram'
  | 'thickness_histogram'
  /** Mean layer thickness per image column, along the image (per image only). */
  | 'thickness_profile';

/** One plot as a Vega-Lite (v5) spec. */
export type PlotSpec = {
  __typename?: 'PlotSpec';
  /** What the plot shows, in a sentence: its alt text. */
  description: Scalars['String']['output'];
  kind: PlotKind;
  /** The Vega-Lite spec, data inline. */
  spec: Scalars['JSON']['output'];
  title: Scalars['String']['output'];
};

/** The probability thresholds a model mask's band was made at (under argmax, a margin of high - low to the best rival class). */
export type ProbabilityBand = {
  __typename?: 'ProbabilityBand';
  classRule: ClassRule;
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
};

export type ProvenanceModelVersion = {
  __typename?: 'ProvenanceModelVersion';
  architecture: Scalars['String']['output'];
  /** How the version's probabilities became the mask that was measured. */
  classRule: ClassRule;
  codeVersion: Scalars['String']['output'];
  encoder: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  modelId: Scalars['ID']['output'];
  modelName: Scalars['String']['output'];
  number: Scalars['Int']['output'];
  sixteenBitInput: SixteenBitInput;
  trainingData: ProvenanceTrainingData;
};

/** The data a model version was trained on, as the registry recorded it. */
export type ProvenanceTrainingData = {
  __typename?: 'ProvenanceTrainingData';
  contentHash: Scalars['String']['output'];
  datasetId: Scalars['ID']['output'];
  datasetVersionId: Scalars['ID']['output'];
  experiment: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** API keys, oldest first: all of the group's for admins, the caller's own otherwise. */
  apiKeys: ApiKeyConnection;
  /**
   * The group's audit log, newest first: every mutation its members ran or were refused, with who,
   * when, what and from where. Admins only; nothing in the API can change it.
   */
  auditLog: AuditEventConnection;
  /** The group's benchmark with this id; null when the group has none. */
  benchmark: Maybe<Benchmark>;
  /** Versions side by side (metrics per class, config, data, lineage fields). */
  compareModelVersions: Array<ModelVersion>;
  /** The dataset with this id; null when there is none the caller can read. */
  dataset: Maybe<Dataset>;
  /**
   * A dataset's measurements pooled per mask source (and model version): the objects of every mask
   * are merged into one distribution. With a dataset version, only its images and frozen masks.
   */
  datasetMeasurementSummary: DatasetMeasurementSummary;
  /** A dataset's measurement sets, newest first, a page at a time. */
  datasetMeasurements: MeasurementSetConnection;
  /** A dataset's model segmentations, newest first. */
  datasetSegmentations: SegmentationConnection;
  /** The dataset version with this id; null when there is none the caller can read. */
  datasetVersion: Maybe<DatasetVersion>;
  /** Datasets the caller can read: its group's, shared with it, and public ones. */
  datasets: DatasetConnection;
  /** What moving an alias from one model version to another changed in a dataset's measurements. */
  driftReport: DriftReport;
  /**
   * The objects (CSV, one row each) or measurement sets (JSON) of a summary, as a presigned URL.
   * With imageId, only that image's current masks (NOT_FOUND when the image is not the dataset's);
   * the same filter narrows datasetMeasurementSummary to one image.
   */
  exportDatasetMeasurements: MeasurementExport;
  /** The directory of groups (ids and names), to share resources with. */
  groups: GroupConnection;
  /** Every service and whether it answers. Needs no key. */
  health: PlatformHealth;
  /** The image with this id; null when there is none the caller can read. */
  image: Maybe<Image>;
  /** The image of the caller's group with this LIMS sample id; null when the group has none. */
  imageByLimsId: Maybe<Image>;
  /** Every measurement of an image's masks, newest first (NOT_FOUND when there is no image the caller can read). */
  imageMeasurements: MeasurementSetConnection;
  /** Imported PyTorch weights the caller can train from, newest first. */
  importedWeights: ImportedWeightsConnection;
  /** From a version to its dataset, initial weights and run, and to the versions trained from it; null when there is no version the caller can read. */
  lineage: Maybe<Lineage>;
  /** The caller: the group and role of the API key. */
  me: Me;
  /** The measurement profile of a dataset: the stored one, or the default derived from its classes; null when there is no dataset the caller can read. */
  measurementProfile: Maybe<MeasurementProfile>;
  /** Members of the caller's group, oldest first. */
  members: MemberConnection;
  /** A model by id, or by name within the caller's group; null when the caller can see none. */
  model: Maybe<Model>;
  /** The model version with this id; null when there is none the caller can read. */
  modelVersion: Maybe<ModelVersion>;
  /** The version an alias names: `model` is a model id or name; null when the model or alias is not there or the caller cannot read the version. */
  modelVersionByAlias: Maybe<ModelVersion>;
  modelVersions: ModelVersionConnection;
  /** Registry models the caller can see. */
  models: ModelConnection;
  /** The group's pipeline run with this id; null when the group has none. */
  pipelineRun: Maybe<PipelineRun>;
  /** The group's runs, newest first. */
  pipelineRuns: PipelineRunConnection;
  /** The group's automation policies (of one dataset, or all), oldest first. */
  policies: AutomationPolicyConnection;
  /** The group's training job with this id; null when the group has none. */
  trainingJob: Maybe<TrainingJob>;
  /** The group's training jobs, newest first. */
  trainingJobs: TrainingJobConnection;
  /** The delivery log, newest first. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** The group's webhooks. */
  webhooks: Array<Webhook>;
};


export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryBenchmarkArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCompareModelVersionsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetMeasurementSummaryArgs = {
  datasetId: Scalars['ID']['input'];
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  imageId?: InputMaybe<Scalars['ID']['input']>;
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  source?: InputMaybe<MaskSource>;
};


export type QueryDatasetMeasurementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  datasetId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  source?: InputMaybe<MaskSource>;
  status?: InputMaybe<MeasurementStatus>;
};


export type QueryDatasetSegmentationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  datasetId: Scalars['ID']['input'];
  filter?: InputMaybe<SegmentationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDatasetVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DatasetFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDriftReportArgs = {
  datasetId: Scalars['ID']['input'];
  fromVersionId: Scalars['ID']['input'];
  toVersionId: Scalars['ID']['input'];
};


export type QueryExportDatasetMeasurementsArgs = {
  datasetId: Scalars['ID']['input'];
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  format: MeasurementExportFormat;
  imageId?: InputMaybe<Scalars['ID']['input']>;
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  source?: InputMaybe<MaskSource>;
};


export type QueryGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryImageArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImageByLimsIdArgs = {
  limsId: Scalars['ID']['input'];
};


export type QueryImageMeasurementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  imageId: Scalars['ID']['input'];
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  source?: InputMaybe<MaskSource>;
};


export type QueryImportedWeightsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  encoder?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLineageArgs = {
  versionId: Scalars['ID']['input'];
};


export type QueryMeasurementProfileArgs = {
  datasetId: Scalars['ID']['input'];
};


export type QueryMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelVersionByAliasArgs = {
  alias: Scalars['String']['input'];
  model: Scalars['String']['input'];
};


export type QueryModelVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ModelVersionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryModelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ModelFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPipelineRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPipelineRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  datasetId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<PipelineRunState>;
};


export type QueryPoliciesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  datasetId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTrainingJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTrainingJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TrainingJobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<WebhookDeliveryState>;
  webhookId?: InputMaybe<Scalars['ID']['input']>;
};

export type RecipeInput = {
  /** Training crops per step (default: the paper's 20, shrunk to what a worker holds); a batch that cannot fit is refused. */
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  bceWeight?: InputMaybe<Scalars['Float']['input']>;
  crop?: InputMaybe<Scalars['Int']['input']>;
  diceWeight?: InputMaybe<Scalars['Float']['input']>;
  fineLearningRate?: InputMaybe<Scalars['Float']['input']>;
  finePatience?: InputMaybe<Scalars['Int']['input']>;
  freezeEncoder?: InputMaybe<Scalars['Boolean']['input']>;
  horizontalFlipOnly?: InputMaybe<Scalars['Boolean']['input']>;
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  maxEpochs?: InputMaybe<Scalars['Int']['input']>;
  patience?: InputMaybe<Scalars['Int']['input']>;
  seed?: InputMaybe<Scalars['Float']['input']>;
};

export type RemeasureResult = {
  __typename?: 'RemeasureResult';
  datasetId: Scalars['ID']['output'];
  profileHash: Scalars['String']['output'];
  /** Masks queued now (repeats inside the queue's duplicate window are not queued twice). */
  queued: Scalars['Int']['output'];
};

export type ReproduceBenchmarkInput = {
  architectures: Array<Scalars['String']['input']>;
  classRule?: InputMaybe<ClassRule>;
  datasetId: Scalars['ID']['input'];
  encoders: Array<Scalars['String']['input']>;
  experiments: Array<Scalars['String']['input']>;
  initWeights?: InputMaybe<Array<Scalars['String']['input']>>;
  recipe?: InputMaybe<RecipeInput>;
  sixteenBitInput?: InputMaybe<SixteenBitInput>;
};

export type Role =
  | 'admin'
  | 'member'
  | 'viewer';

/** Summary statistics of a sample (numpy's definitions: population std, linear percentiles). */
export type SampleStatistics = {
  __typename?: 'SampleStatistics';
  count: Scalars['Int']['output'];
  max: Maybe<Scalars['Float']['output']>;
  mean: Maybe<Scalars['Float']['output']>;
  median: Maybe<Scalars['Float']['output']>;
  min: Maybe<Scalars['Float']['output']>;
  /** Percentile -> value, e.g. {"10": ..., "90": ...}. */
  percentiles: Scalars['JSON']['output'];
  std: Maybe<Scalars['Float']['output']>;
};

/** One model version's segmentation of one image: at most one per (image, model version). */
export type Segmentation = {
  __typename?: 'Segmentation';
  backend: Scalars['String']['output'];
  codeVersion: Scalars['String']['output'];
  computeMs: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  datasetId: Scalars['ID']['output'];
  error: Maybe<PipelineStepError>;
  /** This segmentation's mask against the image's manual mask; null without one or when the step failed. */
  evaluation: Maybe<MaskEvaluation>;
  id: Scalars['ID']['output'];
  imageId: Scalars['ID']['output'];
  /** The mask registered with the dataset (source model); null when the step failed. */
  maskId: Maybe<Scalars['ID']['output']>;
  /** Presigned GET URL of the 8-bit index mask, valid 15 minutes; null when the step failed. */
  maskUrl: Maybe<Scalars['String']['output']>;
  /** Null when the caller may not read the model version (another group's private model behind a dataset shared with the caller). */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  /** How unlike the model version's training images this image is; null when the step failed (or for segmentations from before scores). */
  outOfDistribution: Maybe<OutOfDistribution>;
  runId: Maybe<Scalars['ID']['output']>;
  status: SegmentationStatus;
  tiles: Scalars['Int']['output'];
};

export type SegmentationConnection = {
  __typename?: 'SegmentationConnection';
  nodes: Array<Segmentation>;
  pageInfo: PageInfo;
};

export type SegmentationFilter = {
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<SegmentationStatus>;
};

export type SegmentationStatus =
  | 'failed'
  | 'succeeded';

export type ServiceHealth = {
  __typename?: 'ServiceHealth';
  checks: Array<HealthCheck>;
  instance: Maybe<Scalars['String']['output']>;
  service: Scalars['String']['output'];
  status: ServiceStatus;
  uptimeSeconds: Maybe<Scalars['Float']['output']>;
  version: Maybe<Scalars['String']['output']>;
};

export type ServiceStatus =
  | 'degraded'
  | 'down'
  | 'up';

export type SetAliasGateInput = {
  alias: Scalars['String']['input'];
  comparison: GateComparison;
  datasetVersionId: Scalars['ID']['input'];
  experiment: Scalars['String']['input'];
  modelId: Scalars['ID']['input'];
  subset: SplitSubset;
  tolerances: Array<GateToleranceInput>;
};

export type SetExperimentInput = {
  datasetId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['JSON']['input']>;
  test?: InputMaybe<Array<Scalars['ID']['input']>>;
  train?: InputMaybe<Array<Scalars['ID']['input']>>;
  val?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type SetModelAliasInput = {
  alias: Scalars['String']['input'];
  /** Move only if the alias still points to this version (compare-and-set). */
  expectedVersionId?: InputMaybe<Scalars['ID']['input']>;
  modelId: Scalars['ID']['input'];
  /** Admins only: move a gated alias without evaluating its gate (recorded in the history). */
  skipGate?: InputMaybe<Scalars['Boolean']['input']>;
  versionId: Scalars['ID']['input'];
};

/** How 16-bit images reach the network; training and inference of a version use the same. */
export type SixteenBitInput =
  /** Divided by 65535: no grey level lost (MicroSeg's default). */
  | 'full_range'
  /** The high byte, divided by 255: what the paper's code (cv2.imread) feeds the network. */
  | 'high_byte';

export type SourceMeasurementSummary = {
  __typename?: 'SourceMeasurementSummary';
  failedCount: Scalars['Int']['output'];
  /** Masks measured successfully and pooled here. */
  maskCount: Scalars['Int']['output'];
  /** The model version that made the mask; null for ground truth, and when the caller may not read that version (another group's private model behind a dataset shared with the caller). A label that is no registry id is shown as uploaded. */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  particles: Array<ClassParticleSummary>;
  plots: MeasurementPlots;
  source: MaskSource;
  /** Thickness values of every layer pooled. */
  thickness: Maybe<SampleStatistics>;
  /** Intervals of the pooled numbers: sampling error across the images (each image a cluster) joined with the sets' own intervals moved together (a probability threshold moves every image the same way); null when no set succeeded. Percentile intervals apply the sets' relative shifts to the pooled percentile. */
  uncertainty: Maybe<MeasurementUncertainty>;
  unit: Scalars['String']['output'];
};

export type SplitMetrics = {
  __typename?: 'SplitMetrics';
  images: Scalars['Int']['output'];
  /** The paper's IoU (see ModelVersion.iouDefinition): segmentation_models_pytorch's IoU at threshold 0.5 pooled over the one-hot channels, background included, averaged over images. */
  iou: Scalars['Float']['output'];
  /** Mean over classes of perClass; null on versions registered before it was kept apart from iou. */
  meanClassIou: Maybe<Scalars['Float']['output']>;
  /** IoU of each class in the masks the version's class rule makes, averaged over images. */
  perClass: Array<ClassMetric>;
};

export type SplitSubset =
  | 'test'
  | 'train'
  | 'val';

export type StartTrainingInput = {
  architecture: Scalars['String']['input'];
  /** One foreground channel (every class but 0) instead of one per class. */
  binary?: InputMaybe<Scalars['Boolean']['input']>;
  /** The version's class rule; the paper's THRESHOLD by default. */
  classRule?: InputMaybe<ClassRule>;
  /** The dataset's class names in index order; refused when they differ. */
  classes?: InputMaybe<Array<Scalars['String']['input']>>;
  datasetId: Scalars['ID']['input'];
  /** Default: the dataset's latest version. */
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  encoder: Scalars['String']['input'];
  /** The split, e.g. Super2. */
  experiment: Scalars['String']['input'];
  /** random, a model version id, or an imported weights id. */
  init?: InputMaybe<Scalars['String']['input']>;
  modelName?: InputMaybe<Scalars['String']['input']>;
  recipe?: InputMaybe<RecipeInput>;
  /** The version's 16-bit conversion (training and inference); FULL_RANGE by default, HIGH_BYTE reproduces the paper. */
  sixteenBitInput?: InputMaybe<SixteenBitInput>;
};

/** Live updates (graphql-ws on the same /graphql URL). */
export type Subscription = {
  __typename?: 'Subscription';
  /** Every image added to the dataset from now on, by any client (NOT_FOUND for a dataset the caller cannot read). */
  imageAdded: ImageAdded;
  /** Every measurement the caller's group completes on an image of the dataset, from now on (NOT_FOUND for a dataset the caller cannot read). */
  measurementCompleted: MeasurementCompleted;
  /** Every epoch and state change of a training job of the caller's group. */
  trainingJobProgress: TrainingJobUpdate;
};


/** Live updates (graphql-ws on the same /graphql URL). */
export type SubscriptionImageAddedArgs = {
  datasetId: Scalars['ID']['input'];
};


/** Live updates (graphql-ws on the same /graphql URL). */
export type SubscriptionMeasurementCompletedArgs = {
  datasetId: Scalars['ID']['input'];
};


/** Live updates (graphql-ws on the same /graphql URL). */
export type SubscriptionTrainingJobProgressArgs = {
  jobId: Scalars['ID']['input'];
};

export type ThicknessAnalysisInput = {
  classes: Array<Scalars['Int']['input']>;
  minArea?: InputMaybe<Scalars['Int']['input']>;
  radius?: InputMaybe<Scalars['Int']['input']>;
};

export type ThicknessAnalysisSettings = {
  __typename?: 'ThicknessAnalysisSettings';
  /** The classes forming the layer (e.g. oxide = 1 and 2). */
  classes: Array<Scalars['Int']['output']>;
  /** Objects and holes under this many pixels are removed. */
  minArea: Scalars['Int']['output'];
  /** Radius of the disk that closes then opens the layer. */
  radius: Scalars['Int']['output'];
};

/** How the thickness intervals of sets measuring one layer are calibrated: sets measuring another layer (other classes, disk radius or minimum area) keep their own intervals. */
export type ThicknessIntervalCalibration = {
  __typename?: 'ThicknessIntervalCalibration';
  /** The classes forming the layer: every foreground class of the version. */
  classes: Array<Scalars['Int']['output']>;
  /** Objects and holes smaller than this many pixels were removed or filled. */
  minArea: Scalars['Int']['output'];
  /** Disk radius of the layer's closing and opening, in pixels. */
  radius: Scalars['Int']['output'];
  /** Per quantity (MEAN, and P10, P50, P90 of the thickness); a quantity with too few validation fields is left out. */
  scales: Array<IntervalScale>;
};

export type ThicknessIntervals = {
  __typename?: 'ThicknessIntervals';
  mean: Maybe<MeasurementInterval>;
  median: Maybe<MeasurementInterval>;
  percentiles: Array<PercentileInterval>;
};

export type TrainingData = {
  __typename?: 'TrainingData';
  contentHash: Scalars['String']['output'];
  datasetId: Scalars['ID']['output'];
  experiment: Scalars['String']['output'];
  versionId: Scalars['ID']['output'];
};

export type TrainingJob = {
  __typename?: 'TrainingJob';
  architecture: Scalars['String']['output'];
  /** Deliveries to a worker; more than one when the job was resumed. */
  attempts: Scalars['Int']['output'];
  benchmarkId: Maybe<Scalars['ID']['output']>;
  binary: Scalars['Boolean']['output'];
  /** The last epoch whose checkpoint is stored. */
  checkpointEpoch: Maybe<Scalars['Int']['output']>;
  classRule: ClassRule;
  classes: Array<DatasetClass>;
  createdAt: Scalars['DateTime']['output'];
  datasetHash: Scalars['String']['output'];
  datasetId: Scalars['ID']['output'];
  datasetVersionId: Scalars['ID']['output'];
  encoder: Scalars['String']['output'];
  epochs: Array<EpochRecord>;
  error: Maybe<JobError>;
  experiment: Scalars['String']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  init: InitialWeights;
  modelName: Scalars['String']['output'];
  modelVersion: Maybe<ModelVersion>;
  modelVersionId: Maybe<Scalars['ID']['output']>;
  progress: TrainingProgress;
  /** 1 = next to be taken; null unless queued. */
  queuePosition: Maybe<Scalars['Int']['output']>;
  recipe: TrainingRecipe;
  sixteenBitInput: SixteenBitInput;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  state: TrainingJobState;
  workerId: Maybe<Scalars['ID']['output']>;
  workerKind: Maybe<WorkerKind>;
};

export type TrainingJobConnection = {
  __typename?: 'TrainingJobConnection';
  nodes: Array<TrainingJob>;
  pageInfo: PageInfo;
};

export type TrainingJobFilter = {
  benchmarkId?: InputMaybe<Scalars['ID']['input']>;
  datasetId?: InputMaybe<Scalars['ID']['input']>;
  state?: InputMaybe<TrainingJobState>;
};

export type TrainingJobState =
  | 'cancelled'
  | 'failed'
  | 'queued'
  | 'running'
  | 'succeeded';

export type TrainingJobUpdate = {
  __typename?: 'TrainingJobUpdate';
  at: Scalars['DateTime']['output'];
  jobId: Scalars['ID']['output'];
  progress: TrainingProgress;
  state: TrainingJobState;
};

export type TrainingProgress = {
  __typename?: 'TrainingProgress';
  bestValIou: Maybe<Scalars['Float']['output']>;
  epoch: Scalars['Int']['output'];
  /** Seconds left at the mean epoch time, up to the epoch cap (the schedule may stop earlier). */
  etaSeconds: Maybe<Scalars['Float']['output']>;
  learningRate: Scalars['Float']['output'];
  loss: Maybe<Scalars['Float']['output']>;
  maxEpochs: Scalars['Int']['output'];
  step: Scalars['Int']['output'];
  valIou: Maybe<Scalars['Float']['output']>;
};

export type TrainingRecipe = {
  __typename?: 'TrainingRecipe';
  /** Training crops per optimisation step: the paper's 20 unless asked otherwise, at most the training split and what a worker's memory holds (TRAINING_MAX_BATCH_PIXELS). 1 on versions trained before batches. */
  batchSize: Scalars['Int']['output'];
  crop: Scalars['Int']['output'];
  fineLearningRate: Scalars['Float']['output'];
  finePatience: Scalars['Int']['output'];
  freezeEncoder: Scalars['Boolean']['output'];
  /** No vertical flips or 90-degree rotations (micrographs with a preferred direction). */
  horizontalFlipOnly: Scalars['Boolean']['output'];
  learningRate: Scalars['Float']['output'];
  loss: LossWeights;
  maxEpochs: Scalars['Int']['output'];
  patience: Scalars['Int']['output'];
  seed: Scalars['Float']['output'];
};

export type UpdateDatasetInput = {
  defaultPixelSize?: InputMaybe<PixelSizeInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  material?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  visibility?: InputMaybe<VisibilityInput>;
};

export type UpdateImageInput = {
  limsId?: InputMaybe<Scalars['ID']['input']>;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  pixelSize?: InputMaybe<PixelSizeInput>;
};

export type UploadFileInput = {
  fileName: Scalars['String']['input'];
  /** Lower-case hex sha256 of the file; checked on completion. */
  sha256: Scalars['String']['input'];
  sizeBytes: Scalars['Float']['input'];
};

export type UploadPart = {
  __typename?: 'UploadPart';
  partNumber: Scalars['Int']['output'];
  url: Scalars['String']['output'];
};

export type UploadTicket = {
  __typename?: 'UploadTicket';
  /** The dataset already holds these bytes: this is the image, no upload needed. */
  existingImageId: Maybe<Scalars['ID']['output']>;
  expiresAt: Scalars['DateTime']['output'];
  /** The mask's own ticket, when the image upload was created with one: PUT it too, then complete both at once. */
  mask: Maybe<UploadTicket>;
  multipart: Maybe<MultipartUpload>;
  uploadId: Scalars['ID']['output'];
  /** PUT the file here (absent for multipart uploads). */
  url: Maybe<Scalars['String']['output']>;
};

export type UploadedPartInput = {
  etag: Scalars['String']['input'];
  partNumber: Scalars['Int']['input'];
};

/** A closed interval [low, high]. */
export type ValueInterval = {
  __typename?: 'ValueInterval';
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
};

export type VersionMetrics = {
  __typename?: 'VersionMetrics';
  test: Maybe<SplitMetrics>;
  val: SplitMetrics;
};

export type Visibility = {
  __typename?: 'Visibility';
  level: VisibilityLevel;
  sharedWith: Array<Scalars['ID']['output']>;
};

export type VisibilityInput = {
  level: VisibilityLevel;
  sharedWith?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type VisibilityLevel =
  | 'private'
  | 'public'
  | 'shared';

/**
 * A LIMS endpoint told about the group's results, signed with HMAC-SHA256 (header microseg-signature: t=<unix s>,v1=<hex>).
 * Webhooks reach public addresses only, unless the operator allowed named networks (an on-premises LIMS,
 * WEBHOOK_ALLOWED_NETWORKS): createWebhook refuses a URL whose literal address is loopback, private, link-local,
 * unspecified, multicast or reserved (INVALID_INPUT, details.rule names which), a scheme other than http(s) and
 * credentials in the URL; a host name is resolved at each delivery and every address it has is judged the same way.
 * Redirects are not followed.
 */
export type Webhook = {
  __typename?: 'Webhook';
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  events: Array<WebhookEventName>;
  id: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};

export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  at: Scalars['DateTime']['output'];
  attempt: Scalars['Int']['output'];
  durationMs: Scalars['Float']['output'];
  error: Maybe<Scalars['String']['output']>;
  /** The rule that refused the target (loopback, private, link-local, unique-local, carrier-grade-nat, unspecified, multicast, broadcast, reserved, scheme, credentials): no request was sent. */
  refusedRule: Maybe<Scalars['String']['output']>;
  /** Null when the receiver could not be reached, did not answer in time or was refused. */
  statusCode: Maybe<Scalars['Int']['output']>;
};

export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attempts: Array<WebhookAttempt>;
  createdAt: Scalars['DateTime']['output'];
  event: WebhookEventName;
  id: Scalars['ID']['output'];
  imageId: Scalars['ID']['output'];
  limsId: Maybe<Scalars['ID']['output']>;
  /** DEAD: every attempt failed (dead letter); REFUSED: the target may not be reached. Neither is retried any more. */
  state: WebhookDeliveryState;
  /** The measurement set or segmentation the event is about. */
  subjectId: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
  webhookId: Scalars['ID']['output'];
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  nodes: Array<WebhookDelivery>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryState =
  /** Every attempt failed: a dead letter, not retried any more. */
  | 'dead'
  /** The receiver answered 2xx. */
  | 'delivered'
  /** Not delivered yet; attempts continue. */
  | 'pending'
  /** The target's address is not one webhooks may reach (loopback, private, link-local...): nothing was sent. */
  | 'refused';

export type WebhookEventName =
  | 'measurement.completed'
  | 'segmentation.completed';

/** What an imported checkpoint holds. */
export type WeightsScope =
  /** A bare encoder (e.g. a MicroNet release). */
  | 'encoder'
  /** A whole network, encoder and decoder. */
  | 'model';

export type WeightsUploadTicket = {
  __typename?: 'WeightsUploadTicket';
  expiresAt: Scalars['DateTime']['output'];
  uploadId: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};

export type WorkerKind =
  | 'cpu'
  | 'gpu';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddMemberInput: AddMemberInput;
  AliasGate: ResolverTypeWrapper<Omit<AliasGate, 'comparison' | 'subset' | 'tolerances'> & { comparison: ResolversTypes['GateComparison'], subset: ResolversTypes['SplitSubset'], tolerances: Array<ResolversTypes['GateTolerance']> }>;
  AliasGateDeclaration: ResolverTypeWrapper<Omit<AliasGateDeclaration, 'comparison' | 'subset' | 'tolerances'> & { comparison: ResolversTypes['GateComparison'], subset: ResolversTypes['SplitSubset'], tolerances: Array<ResolversTypes['GateTolerance']> }>;
  AliasMove: ResolverTypeWrapper<Omit<AliasMove, 'gate' | 'gateReport' | 'outcome'> & { gate?: Maybe<ResolversTypes['AliasGateDeclaration']>, gateReport?: Maybe<ResolversTypes['GateReport']>, outcome: ResolversTypes['AliasMoveOutcome'] }>;
  AliasMoveConnection: ResolverTypeWrapper<Omit<AliasMoveConnection, 'nodes'> & { nodes: Array<ResolversTypes['AliasMove']> }>;
  AliasMoveOutcome: ResolverTypeWrapper<AliasMoveOutcome>;
  ApiKey: ResolverTypeWrapper<ApiKey>;
  ApiKeyConnection: ResolverTypeWrapper<ApiKeyConnection>;
  ArtifactLocation: ResolverTypeWrapper<ArtifactLocation>;
  AuditEvent: ResolverTypeWrapper<Omit<AuditEvent, 'outcome'> & { outcome: ResolversTypes['AuditOutcome'] }>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'nodes'> & { nodes: Array<ResolversTypes['AuditEvent']> }>;
  AuditLogFilter: AuditLogFilter;
  AuditOutcome: ResolverTypeWrapper<AuditOutcome>;
  AutomationPolicy: ResolverTypeWrapper<PolicyModel>;
  AutomationPolicyConnection: ResolverTypeWrapper<Omit<AutomationPolicyConnection, 'nodes'> & { nodes: Array<ResolversTypes['AutomationPolicy']> }>;
  Benchmark: ResolverTypeWrapper<BenchmarkModel>;
  BenchmarkBest: ResolverTypeWrapper<BenchmarkBest>;
  BenchmarkRow: ResolverTypeWrapper<BenchmarkRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BootstrapGroupInput: BootstrapGroupInput;
  BootstrapGroupPayload: ResolverTypeWrapper<Omit<BootstrapGroupPayload, 'admin'> & { admin: ResolversTypes['Member'] }>;
  ClassIntervalCalibration: ResolverTypeWrapper<Omit<ClassIntervalCalibration, 'missedRanges' | 'scales'> & { missedRanges: Array<ResolversTypes['MissedRange']>, scales: Array<ResolversTypes['IntervalScale']> }>;
  ClassMetric: ResolverTypeWrapper<ClassMetric>;
  ClassParticleIntervals: ResolverTypeWrapper<ClassParticleIntervals>;
  ClassParticleMeasurement: ResolverTypeWrapper<ClassParticleMeasurement>;
  ClassParticleSummary: ResolverTypeWrapper<ClassParticleSummary>;
  ClassRule: ResolverTypeWrapper<ClassRule>;
  CompleteImageUploadInput: CompleteImageUploadInput;
  CompleteMaskUploadInput: CompleteMaskUploadInput;
  CompleteUploadedMaskInput: CompleteUploadedMaskInput;
  CompletedImageUpload: ResolverTypeWrapper<Omit<CompletedImageUpload, 'image' | 'mask'> & { image: ResolversTypes['Image'], mask?: Maybe<ResolversTypes['Mask']> }>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateDatasetInput: CreateDatasetInput;
  CreateImageUploadInput: CreateImageUploadInput;
  CreateMaskUploadInput: CreateMaskUploadInput;
  CreateModelPackageUploadInput: CreateModelPackageUploadInput;
  CreatePolicyInput: CreatePolicyInput;
  CreateWebhookInput: CreateWebhookInput;
  CreateWeightsUploadInput: CreateWeightsUploadInput;
  CreatedApiKey: ResolverTypeWrapper<CreatedApiKey>;
  CreatedWebhook: ResolverTypeWrapper<Omit<CreatedWebhook, 'webhook'> & { webhook: ResolversTypes['Webhook'] }>;
  Dataset: ResolverTypeWrapper<DatasetModel>;
  DatasetClass: ResolverTypeWrapper<DatasetClass>;
  DatasetClassInput: DatasetClassInput;
  DatasetConnection: ResolverTypeWrapper<Omit<DatasetConnection, 'nodes'> & { nodes: Array<ResolversTypes['Dataset']> }>;
  DatasetFilter: DatasetFilter;
  DatasetMeasurementSummary: ResolverTypeWrapper<Omit<DatasetMeasurementSummary, 'sources'> & { sources: Array<ResolversTypes['SourceMeasurementSummary']> }>;
  DatasetVersion: ResolverTypeWrapper<DatasetVersion>;
  DatasetVersionConnection: ResolverTypeWrapper<DatasetVersionConnection>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeepZoom: ResolverTypeWrapper<DeepZoomModel>;
  DeepZoomTile: ResolverTypeWrapper<DeepZoomTile>;
  Deletion: ResolverTypeWrapper<Deletion>;
  DriftClass: ResolverTypeWrapper<DriftClass>;
  DriftDatasetClass: ResolverTypeWrapper<DriftDatasetClass>;
  DriftDelta: ResolverTypeWrapper<DriftDelta>;
  DriftImage: ResolverTypeWrapper<DriftImage>;
  DriftOptionalDelta: ResolverTypeWrapper<DriftOptionalDelta>;
  DriftReport: ResolverTypeWrapper<DriftReport>;
  DriftUnmatched: ResolverTypeWrapper<DriftUnmatched>;
  EpochRecord: ResolverTypeWrapper<EpochRecord>;
  Experiment: ResolverTypeWrapper<Experiment>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GateCheck: ResolverTypeWrapper<GateCheckModel>;
  GateComparison: ResolverTypeWrapper<GateComparison>;
  GateError: ResolverTypeWrapper<GateError>;
  GateQuantity: ResolverTypeWrapper<GateQuantity>;
  GateReport: ResolverTypeWrapper<Omit<GateReport, 'checks' | 'comparison' | 'subset'> & { checks: Array<ResolversTypes['GateCheck']>, comparison: ResolversTypes['GateComparison'], subset: ResolversTypes['SplitSubset'] }>;
  GateSkippedImage: ResolverTypeWrapper<GateSkippedImage>;
  GateTolerance: ResolverTypeWrapper<Omit<GateTolerance, 'quantity'> & { quantity: ResolversTypes['GateQuantity'] }>;
  GateToleranceInput: GateToleranceInput;
  Group: ResolverTypeWrapper<Group>;
  GroupConnection: ResolverTypeWrapper<GroupConnection>;
  HealthCheck: ResolverTypeWrapper<HealthCheck>;
  Histogram: ResolverTypeWrapper<Histogram>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Image: ResolverTypeWrapper<ImageModel>;
  ImageAdded: ResolverTypeWrapper<Omit<ImageAdded, 'image'> & { image?: Maybe<ResolversTypes['Image']> }>;
  ImageConnection: ResolverTypeWrapper<Omit<ImageConnection, 'nodes'> & { nodes: Array<ResolversTypes['Image']> }>;
  ImageDownloadUrls: ResolverTypeWrapper<ImageDownloadUrls>;
  ImageFilter: ImageFilter;
  ImageFormat: ResolverTypeWrapper<ImageFormat>;
  ImportModelPackageInput: ImportModelPackageInput;
  ImportWeightsInput: ImportWeightsInput;
  ImportedWeights: ResolverTypeWrapper<ImportedWeightsModel>;
  ImportedWeightsConnection: ResolverTypeWrapper<Omit<ImportedWeightsConnection, 'nodes'> & { nodes: Array<ResolversTypes['ImportedWeights']> }>;
  InitialWeights: ResolverTypeWrapper<Omit<InitialWeights, 'kind'> & { kind: ResolversTypes['InitialWeightsKind'] }>;
  InitialWeightsKind: ResolverTypeWrapper<InitialWeightsKind>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntervalCalibration: ResolverTypeWrapper<Omit<IntervalCalibration, 'classes' | 'thickness'> & { classes: Array<ResolversTypes['ClassIntervalCalibration']>, thickness?: Maybe<ResolversTypes['ThicknessIntervalCalibration']> }>;
  IntervalQuantity: ResolverTypeWrapper<IntervalQuantity>;
  IntervalScale: ResolverTypeWrapper<Omit<IntervalScale, 'quantity'> & { quantity: ResolversTypes['IntervalQuantity'] }>;
  IouDefinition: ResolverTypeWrapper<IouDefinition>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  JobError: ResolverTypeWrapper<JobError>;
  LayerThicknessMeasurement: ResolverTypeWrapper<LayerThicknessMeasurement>;
  LengthUnit: ResolverTypeWrapper<LengthUnit>;
  Lineage: ResolverTypeWrapper<LineageModel>;
  LineageStep: ResolverTypeWrapper<Omit<LineageStep, 'imported' | 'version' | 'weights'> & { imported?: Maybe<ResolversTypes['ImportedWeights']>, version?: Maybe<ResolversTypes['ModelVersion']>, weights: ResolversTypes['InitialWeights'] }>;
  LossWeights: ResolverTypeWrapper<LossWeights>;
  Mask: ResolverTypeWrapper<MaskModel>;
  MaskEvaluation: ResolverTypeWrapper<MaskEvaluation>;
  MaskEvaluationClass: ResolverTypeWrapper<MaskEvaluationClass>;
  MaskKind: ResolverTypeWrapper<MaskKind>;
  MaskSource: ResolverTypeWrapper<MaskSource>;
  Me: ResolverTypeWrapper<Principal>;
  MeasuredObject: ResolverTypeWrapper<MeasuredObject>;
  MeasurementCompleted: ResolverTypeWrapper<MeasurementCompletedModel>;
  MeasurementError: ResolverTypeWrapper<MeasurementError>;
  MeasurementExport: ResolverTypeWrapper<Omit<MeasurementExport, 'format'> & { format: ResolversTypes['MeasurementExportFormat'] }>;
  MeasurementExportFormat: ResolverTypeWrapper<MeasurementExportFormat>;
  MeasurementInterval: ResolverTypeWrapper<MeasurementInterval>;
  MeasurementKind: ResolverTypeWrapper<MeasurementKind>;
  MeasurementPlots: ResolverTypeWrapper<Omit<MeasurementPlots, 'specs'> & { specs: Array<ResolversTypes['PlotSpec']> }>;
  MeasurementProfile: ResolverTypeWrapper<Omit<MeasurementProfile, 'profile'> & { profile: ResolversTypes['MeasurementProfileSpec'] }>;
  MeasurementProfileInput: MeasurementProfileInput;
  MeasurementProfileSpec: ResolverTypeWrapper<Omit<MeasurementProfileSpec, 'pixelSize'> & { pixelSize: ResolversTypes['PixelSizeSettings'] }>;
  MeasurementProvenance: ResolverTypeWrapper<Omit<MeasurementProvenance, 'modelVersion' | 'segmentation' | 'source'> & { modelVersion?: Maybe<ResolversTypes['ProvenanceModelVersion']>, segmentation?: Maybe<ResolversTypes['Segmentation']>, source: ResolversTypes['MaskSource'] }>;
  MeasurementSet: ResolverTypeWrapper<MeasurementSetModel>;
  MeasurementSetConnection: ResolverTypeWrapper<Omit<MeasurementSetConnection, 'nodes'> & { nodes: Array<ResolversTypes['MeasurementSet']> }>;
  MeasurementStatus: ResolverTypeWrapper<MeasurementStatus>;
  MeasurementUncertainty: ResolverTypeWrapper<Omit<MeasurementUncertainty, 'probabilityBand'> & { probabilityBand?: Maybe<ResolversTypes['ProbabilityBand']> }>;
  Member: ResolverTypeWrapper<Omit<Member, 'role'> & { role: ResolversTypes['Role'] }>;
  MemberConnection: ResolverTypeWrapper<Omit<MemberConnection, 'nodes'> & { nodes: Array<ResolversTypes['Member']> }>;
  MissedRange: ResolverTypeWrapper<Omit<MissedRange, 'quantity'> & { quantity: ResolversTypes['IntervalQuantity'] }>;
  Model: ResolverTypeWrapper<RegistryModel>;
  ModelAlias: ResolverTypeWrapper<ModelAlias>;
  ModelCard: ResolverTypeWrapper<Omit<ModelCard, 'pixelSize'> & { pixelSize?: Maybe<ResolversTypes['PixelSize']> }>;
  ModelCardInput: ModelCardInput;
  ModelConnection: ResolverTypeWrapper<Omit<ModelConnection, 'nodes'> & { nodes: Array<ResolversTypes['Model']> }>;
  ModelDownload: ResolverTypeWrapper<Omit<ModelDownload, 'format'> & { format: ResolversTypes['ModelDownloadFormat'] }>;
  ModelDownloadFormat: ResolverTypeWrapper<ModelDownloadFormat>;
  ModelFilter: ModelFilter;
  ModelPackageUploadTicket: ResolverTypeWrapper<ModelPackageUploadTicket>;
  ModelVersion: ResolverTypeWrapper<ModelVersionModel>;
  ModelVersionConnection: ResolverTypeWrapper<Omit<ModelVersionConnection, 'nodes'> & { nodes: Array<ResolversTypes['ModelVersion']> }>;
  ModelVersionFilter: ModelVersionFilter;
  MultipartUpload: ResolverTypeWrapper<MultipartUpload>;
  Mutation: ResolverTypeWrapper<{}>;
  OutOfDistribution: ResolverTypeWrapper<OutOfDistribution>;
  OutOfDistributionCalibration: ResolverTypeWrapper<OutOfDistributionCalibration>;
  OutOfDistributionRule: ResolverTypeWrapper<OutOfDistributionRule>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  ParticleAnalysisInput: ParticleAnalysisInput;
  ParticleAnalysisSettings: ResolverTypeWrapper<ParticleAnalysisSettings>;
  PercentileInterval: ResolverTypeWrapper<PercentileInterval>;
  PipelineRun: ResolverTypeWrapper<PipelineRunModel>;
  PipelineRunConnection: ResolverTypeWrapper<Omit<PipelineRunConnection, 'nodes'> & { nodes: Array<ResolversTypes['PipelineRun']> }>;
  PipelineRunState: ResolverTypeWrapper<PipelineRunState>;
  PipelineStepError: ResolverTypeWrapper<PipelineStepError>;
  PipelineTrigger: ResolverTypeWrapper<PipelineTrigger>;
  PixelSize: ResolverTypeWrapper<Omit<PixelSize, 'unit'> & { unit: ResolversTypes['LengthUnit'] }>;
  PixelSizeInput: PixelSizeInput;
  PixelSizePolicy: ResolverTypeWrapper<PixelSizePolicy>;
  PixelSizeSettings: ResolverTypeWrapper<Omit<PixelSizeSettings, 'fixed' | 'policy'> & { fixed?: Maybe<ResolversTypes['PixelSize']>, policy: ResolversTypes['PixelSizePolicy'] }>;
  PixelSizeSettingsInput: PixelSizeSettingsInput;
  PixelSizeSource: ResolverTypeWrapper<PixelSizeSource>;
  PlatformHealth: ResolverTypeWrapper<Omit<PlatformHealth, 'services' | 'status'> & { services: Array<ResolversTypes['ServiceHealth']>, status: ResolversTypes['ServiceStatus'] }>;
  PlotKind: ResolverTypeWrapper<PlotKind>;
  PlotSpec: ResolverTypeWrapper<Omit<PlotSpec, 'kind'> & { kind: ResolversTypes['PlotKind'] }>;
  ProbabilityBand: ResolverTypeWrapper<Omit<ProbabilityBand, 'classRule'> & { classRule: ResolversTypes['ClassRule'] }>;
  ProvenanceModelVersion: ResolverTypeWrapper<Omit<ProvenanceModelVersion, 'classRule' | 'sixteenBitInput'> & { classRule: ResolversTypes['ClassRule'], sixteenBitInput: ResolversTypes['SixteenBitInput'] }>;
  ProvenanceTrainingData: ResolverTypeWrapper<ProvenanceTrainingData>;
  Query: ResolverTypeWrapper<{}>;
  RecipeInput: RecipeInput;
  RemeasureResult: ResolverTypeWrapper<RemeasureResult>;
  ReproduceBenchmarkInput: ReproduceBenchmarkInput;
  Role: ResolverTypeWrapper<Role>;
  SampleStatistics: ResolverTypeWrapper<SampleStatistics>;
  Segmentation: ResolverTypeWrapper<SegmentationModel>;
  SegmentationConnection: ResolverTypeWrapper<Omit<SegmentationConnection, 'nodes'> & { nodes: Array<ResolversTypes['Segmentation']> }>;
  SegmentationFilter: SegmentationFilter;
  SegmentationStatus: ResolverTypeWrapper<SegmentationStatus>;
  ServiceHealth: ResolverTypeWrapper<Omit<ServiceHealth, 'status'> & { status: ResolversTypes['ServiceStatus'] }>;
  ServiceStatus: ResolverTypeWrapper<ServiceStatus>;
  SetAliasGateInput: SetAliasGateInput;
  SetExperimentInput: SetExperimentInput;
  SetModelAliasInput: SetModelAliasInput;
  SixteenBitInput: ResolverTypeWrapper<SixteenBitInput>;
  SourceMeasurementSummary: ResolverTypeWrapper<SourceSummaryModel>;
  SplitMetrics: ResolverTypeWrapper<SplitMetrics>;
  SplitSubset: ResolverTypeWrapper<SplitSubset>;
  StartTrainingInput: StartTrainingInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<{}>;
  ThicknessAnalysisInput: ThicknessAnalysisInput;
  ThicknessAnalysisSettings: ResolverTypeWrapper<ThicknessAnalysisSettings>;
  ThicknessIntervalCalibration: ResolverTypeWrapper<Omit<ThicknessIntervalCalibration, 'scales'> & { scales: Array<ResolversTypes['IntervalScale']> }>;
  ThicknessIntervals: ResolverTypeWrapper<ThicknessIntervals>;
  TrainingData: ResolverTypeWrapper<TrainingData>;
  TrainingJob: ResolverTypeWrapper<TrainingJobModel>;
  TrainingJobConnection: ResolverTypeWrapper<Omit<TrainingJobConnection, 'nodes'> & { nodes: Array<ResolversTypes['TrainingJob']> }>;
  TrainingJobFilter: TrainingJobFilter;
  TrainingJobState: ResolverTypeWrapper<TrainingJobState>;
  TrainingJobUpdate: ResolverTypeWrapper<Omit<TrainingJobUpdate, 'state'> & { state: ResolversTypes['TrainingJobState'] }>;
  TrainingProgress: ResolverTypeWrapper<TrainingProgress>;
  TrainingRecipe: ResolverTypeWrapper<TrainingRecipe>;
  UpdateDatasetInput: UpdateDatasetInput;
  UpdateImageInput: UpdateImageInput;
  UploadFileInput: UploadFileInput;
  UploadPart: ResolverTypeWrapper<UploadPart>;
  UploadTicket: ResolverTypeWrapper<UploadTicket>;
  UploadedPartInput: UploadedPartInput;
  ValueInterval: ResolverTypeWrapper<ValueInterval>;
  VersionMetrics: ResolverTypeWrapper<VersionMetrics>;
  Visibility: ResolverTypeWrapper<Omit<Visibility, 'level'> & { level: ResolversTypes['VisibilityLevel'] }>;
  VisibilityInput: VisibilityInput;
  VisibilityLevel: ResolverTypeWrapper<VisibilityLevel>;
  Webhook: ResolverTypeWrapper<WebhookModel>;
  WebhookAttempt: ResolverTypeWrapper<WebhookAttempt>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryModel>;
  WebhookDeliveryConnection: ResolverTypeWrapper<Omit<WebhookDeliveryConnection, 'nodes'> & { nodes: Array<ResolversTypes['WebhookDelivery']> }>;
  WebhookDeliveryState: ResolverTypeWrapper<WebhookDeliveryState>;
  WebhookEventName: ResolverTypeWrapper<WebhookEventName>;
  WeightsScope: ResolverTypeWrapper<WeightsScope>;
  WeightsUploadTicket: ResolverTypeWrapper<WeightsUploadTicket>;
  WorkerKind: ResolverTypeWrapper<WorkerKind>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddMemberInput: AddMemberInput;
  AliasGate: Omit<AliasGate, 'tolerances'> & { tolerances: Array<ResolversParentTypes['GateTolerance']> };
  AliasGateDeclaration: Omit<AliasGateDeclaration, 'tolerances'> & { tolerances: Array<ResolversParentTypes['GateTolerance']> };
  AliasMove: Omit<AliasMove, 'gate' | 'gateReport'> & { gate?: Maybe<ResolversParentTypes['AliasGateDeclaration']>, gateReport?: Maybe<ResolversParentTypes['GateReport']> };
  AliasMoveConnection: Omit<AliasMoveConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['AliasMove']> };
  ApiKey: ApiKey;
  ApiKeyConnection: ApiKeyConnection;
  ArtifactLocation: ArtifactLocation;
  AuditEvent: AuditEvent;
  AuditEventConnection: Omit<AuditEventConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['AuditEvent']> };
  AuditLogFilter: AuditLogFilter;
  AutomationPolicy: PolicyModel;
  AutomationPolicyConnection: Omit<AutomationPolicyConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['AutomationPolicy']> };
  Benchmark: BenchmarkModel;
  BenchmarkBest: BenchmarkBest;
  BenchmarkRow: BenchmarkRow;
  Boolean: Scalars['Boolean']['output'];
  BootstrapGroupInput: BootstrapGroupInput;
  BootstrapGroupPayload: Omit<BootstrapGroupPayload, 'admin'> & { admin: ResolversParentTypes['Member'] };
  ClassIntervalCalibration: Omit<ClassIntervalCalibration, 'missedRanges' | 'scales'> & { missedRanges: Array<ResolversParentTypes['MissedRange']>, scales: Array<ResolversParentTypes['IntervalScale']> };
  ClassMetric: ClassMetric;
  ClassParticleIntervals: ClassParticleIntervals;
  ClassParticleMeasurement: ClassParticleMeasurement;
  ClassParticleSummary: ClassParticleSummary;
  CompleteImageUploadInput: CompleteImageUploadInput;
  CompleteMaskUploadInput: CompleteMaskUploadInput;
  CompleteUploadedMaskInput: CompleteUploadedMaskInput;
  CompletedImageUpload: Omit<CompletedImageUpload, 'image' | 'mask'> & { image: ResolversParentTypes['Image'], mask?: Maybe<ResolversParentTypes['Mask']> };
  CreateApiKeyInput: CreateApiKeyInput;
  CreateDatasetInput: CreateDatasetInput;
  CreateImageUploadInput: CreateImageUploadInput;
  CreateMaskUploadInput: CreateMaskUploadInput;
  CreateModelPackageUploadInput: CreateModelPackageUploadInput;
  CreatePolicyInput: CreatePolicyInput;
  CreateWebhookInput: CreateWebhookInput;
  CreateWeightsUploadInput: CreateWeightsUploadInput;
  CreatedApiKey: CreatedApiKey;
  CreatedWebhook: Omit<CreatedWebhook, 'webhook'> & { webhook: ResolversParentTypes['Webhook'] };
  Dataset: DatasetModel;
  DatasetClass: DatasetClass;
  DatasetClassInput: DatasetClassInput;
  DatasetConnection: Omit<DatasetConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Dataset']> };
  DatasetFilter: DatasetFilter;
  DatasetMeasurementSummary: Omit<DatasetMeasurementSummary, 'sources'> & { sources: Array<ResolversParentTypes['SourceMeasurementSummary']> };
  DatasetVersion: DatasetVersion;
  DatasetVersionConnection: DatasetVersionConnection;
  DateTime: Scalars['DateTime']['output'];
  DeepZoom: DeepZoomModel;
  DeepZoomTile: DeepZoomTile;
  Deletion: Deletion;
  DriftClass: DriftClass;
  DriftDatasetClass: DriftDatasetClass;
  DriftDelta: DriftDelta;
  DriftImage: DriftImage;
  DriftOptionalDelta: DriftOptionalDelta;
  DriftReport: DriftReport;
  DriftUnmatched: DriftUnmatched;
  EpochRecord: EpochRecord;
  Experiment: Experiment;
  Float: Scalars['Float']['output'];
  GateCheck: GateCheckModel;
  GateError: GateError;
  GateReport: Omit<GateReport, 'checks'> & { checks: Array<ResolversParentTypes['GateCheck']> };
  GateSkippedImage: GateSkippedImage;
  GateTolerance: GateTolerance;
  GateToleranceInput: GateToleranceInput;
  Group: Group;
  GroupConnection: GroupConnection;
  HealthCheck: HealthCheck;
  Histogram: Histogram;
  ID: Scalars['ID']['output'];
  Image: ImageModel;
  ImageAdded: Omit<ImageAdded, 'image'> & { image?: Maybe<ResolversParentTypes['Image']> };
  ImageConnection: Omit<ImageConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Image']> };
  ImageDownloadUrls: ImageDownloadUrls;
  ImageFilter: ImageFilter;
  ImportModelPackageInput: ImportModelPackageInput;
  ImportWeightsInput: ImportWeightsInput;
  ImportedWeights: ImportedWeightsModel;
  ImportedWeightsConnection: Omit<ImportedWeightsConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['ImportedWeights']> };
  InitialWeights: InitialWeights;
  Int: Scalars['Int']['output'];
  IntervalCalibration: Omit<IntervalCalibration, 'classes' | 'thickness'> & { classes: Array<ResolversParentTypes['ClassIntervalCalibration']>, thickness?: Maybe<ResolversParentTypes['ThicknessIntervalCalibration']> };
  IntervalScale: IntervalScale;
  JSON: Scalars['JSON']['output'];
  JobError: JobError;
  LayerThicknessMeasurement: LayerThicknessMeasurement;
  Lineage: LineageModel;
  LineageStep: Omit<LineageStep, 'imported' | 'version' | 'weights'> & { imported?: Maybe<ResolversParentTypes['ImportedWeights']>, version?: Maybe<ResolversParentTypes['ModelVersion']>, weights: ResolversParentTypes['InitialWeights'] };
  LossWeights: LossWeights;
  Mask: MaskModel;
  MaskEvaluation: MaskEvaluation;
  MaskEvaluationClass: MaskEvaluationClass;
  Me: Principal;
  MeasuredObject: MeasuredObject;
  MeasurementCompleted: MeasurementCompletedModel;
  MeasurementError: MeasurementError;
  MeasurementExport: MeasurementExport;
  MeasurementInterval: MeasurementInterval;
  MeasurementPlots: Omit<MeasurementPlots, 'specs'> & { specs: Array<ResolversParentTypes['PlotSpec']> };
  MeasurementProfile: Omit<MeasurementProfile, 'profile'> & { profile: ResolversParentTypes['MeasurementProfileSpec'] };
  MeasurementProfileInput: MeasurementProfileInput;
  MeasurementProfileSpec: Omit<MeasurementProfileSpec, 'pixelSize'> & { pixelSize: ResolversParentTypes['PixelSizeSettings'] };
  MeasurementProvenance: Omit<MeasurementProvenance, 'modelVersion' | 'segmentation'> & { modelVersion?: Maybe<ResolversParentTypes['ProvenanceModelVersion']>, segmentation?: Maybe<ResolversParentTypes['Segmentation']> };
  MeasurementSet: MeasurementSetModel;
  MeasurementSetConnection: Omit<MeasurementSetConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['MeasurementSet']> };
  MeasurementUncertainty: Omit<MeasurementUncertainty, 'probabilityBand'> & { probabilityBand?: Maybe<ResolversParentTypes['ProbabilityBand']> };
  Member: Member;
  MemberConnection: Omit<MemberConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Member']> };
  MissedRange: MissedRange;
  Model: RegistryModel;
  ModelAlias: ModelAlias;
  ModelCard: Omit<ModelCard, 'pixelSize'> & { pixelSize?: Maybe<ResolversParentTypes['PixelSize']> };
  ModelCardInput: ModelCardInput;
  ModelConnection: Omit<ModelConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Model']> };
  ModelDownload: ModelDownload;
  ModelFilter: ModelFilter;
  ModelPackageUploadTicket: ModelPackageUploadTicket;
  ModelVersion: ModelVersionModel;
  ModelVersionConnection: Omit<ModelVersionConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['ModelVersion']> };
  ModelVersionFilter: ModelVersionFilter;
  MultipartUpload: MultipartUpload;
  Mutation: {};
  OutOfDistribution: OutOfDistribution;
  OutOfDistributionCalibration: OutOfDistributionCalibration;
  OutOfDistributionRule: OutOfDistributionRule;
  PageInfo: PageInfo;
  ParticleAnalysisInput: ParticleAnalysisInput;
  ParticleAnalysisSettings: ParticleAnalysisSettings;
  PercentileInterval: PercentileInterval;
  PipelineRun: PipelineRunModel;
  PipelineRunConnection: Omit<PipelineRunConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['PipelineRun']> };
  PipelineStepError: PipelineStepError;
  PixelSize: PixelSize;
  PixelSizeInput: PixelSizeInput;
  PixelSizeSettings: Omit<PixelSizeSettings, 'fixed'> & { fixed?: Maybe<ResolversParentTypes['PixelSize']> };
  PixelSizeSettingsInput: PixelSizeSettingsInput;
  PlatformHealth: Omit<PlatformHealth, 'services'> & { services: Array<ResolversParentTypes['ServiceHealth']> };
  PlotSpec: PlotSpec;
  ProbabilityBand: ProbabilityBand;
  ProvenanceModelVersion: ProvenanceModelVersion;
  ProvenanceTrainingData: ProvenanceTrainingData;
  Query: {};
  RecipeInput: RecipeInput;
  RemeasureResult: RemeasureResult;
  ReproduceBenchmarkInput: ReproduceBenchmarkInput;
  SampleStatistics: SampleStatistics;
  Segmentation: SegmentationModel;
  SegmentationConnection: Omit<SegmentationConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Segmentation']> };
  SegmentationFilter: SegmentationFilter;
  ServiceHealth: ServiceHealth;
  SetAliasGateInput: SetAliasGateInput;
  SetExperimentInput: SetExperimentInput;
  SetModelAliasInput: SetModelAliasInput;
  SourceMeasurementSummary: SourceSummaryModel;
  SplitMetrics: SplitMetrics;
  StartTrainingInput: StartTrainingInput;
  String: Scalars['String']['output'];
  Subscription: {};
  ThicknessAnalysisInput: ThicknessAnalysisInput;
  ThicknessAnalysisSettings: ThicknessAnalysisSettings;
  ThicknessIntervalCalibration: Omit<ThicknessIntervalCalibration, 'scales'> & { scales: Array<ResolversParentTypes['IntervalScale']> };
  ThicknessIntervals: ThicknessIntervals;
  TrainingData: TrainingData;
  TrainingJob: TrainingJobModel;
  TrainingJobConnection: Omit<TrainingJobConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['TrainingJob']> };
  TrainingJobFilter: TrainingJobFilter;
  TrainingJobUpdate: TrainingJobUpdate;
  TrainingProgress: TrainingProgress;
  TrainingRecipe: TrainingRecipe;
  UpdateDatasetInput: UpdateDatasetInput;
  UpdateImageInput: UpdateImageInput;
  UploadFileInput: UploadFileInput;
  UploadPart: UploadPart;
  UploadTicket: UploadTicket;
  UploadedPartInput: UploadedPartInput;
  ValueInterval: ValueInterval;
  VersionMetrics: VersionMetrics;
  Visibility: Visibility;
  VisibilityInput: VisibilityInput;
  Webhook: WebhookModel;
  WebhookAttempt: WebhookAttempt;
  WebhookDelivery: WebhookDeliveryModel;
  WebhookDeliveryConnection: Omit<WebhookDeliveryConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['WebhookDelivery']> };
  WeightsUploadTicket: WeightsUploadTicket;
};

export type AliasGateResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AliasGate'] = ResolversParentTypes['AliasGate']> = {
  alias?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  comparison?: Resolver<ResolversTypes['GateComparison'], ParentType, ContextType>;
  datasetVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  setAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  setBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  subset?: Resolver<ResolversTypes['SplitSubset'], ParentType, ContextType>;
  tolerances?: Resolver<Array<ResolversTypes['GateTolerance']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AliasGateDeclarationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AliasGateDeclaration'] = ResolversParentTypes['AliasGateDeclaration']> = {
  comparison?: Resolver<ResolversTypes['GateComparison'], ParentType, ContextType>;
  datasetVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subset?: Resolver<ResolversTypes['SplitSubset'], ParentType, ContextType>;
  tolerances?: Resolver<Array<ResolversTypes['GateTolerance']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AliasMoveResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AliasMove'] = ResolversParentTypes['AliasMove']> = {
  alias?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fromVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  gate?: Resolver<Maybe<ResolversTypes['AliasGateDeclaration']>, ParentType, ContextType>;
  gateReport?: Resolver<Maybe<ResolversTypes['GateReport']>, ParentType, ContextType>;
  gateSkipped?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  movedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  movedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AliasMoveOutcome'], ParentType, ContextType>;
  toVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AliasMoveConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AliasMoveConnection'] = ResolversParentTypes['AliasMoveConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['AliasMove']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AliasMoveOutcomeResolvers = { MOVED: 'moved', PENDING: 'pending', REFUSED: 'refused', REJECTED: 'rejected' };

export type ApiKeyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  allowedOperations?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scopes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ApiKeyConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ApiKeyConnection'] = ResolversParentTypes['ApiKeyConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ArtifactLocationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ArtifactLocation'] = ResolversParentTypes['ArtifactLocation']> = {
  bucket?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  arguments?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  clientAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  memberId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditOutcomeResolvers = { ERROR: 'error', OK: 'ok' };

export type AutomationPolicyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AutomationPolicy'] = ResolversParentTypes['AutomationPolicy']> = {
  alias?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  paused?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AutomationPolicyConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AutomationPolicyConnection'] = ResolversParentTypes['AutomationPolicyConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['AutomationPolicy']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BenchmarkResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Benchmark'] = ResolversParentTypes['Benchmark']> = {
  best?: Resolver<Array<ResolversTypes['BenchmarkBest']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  experiments?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobs?: Resolver<Array<ResolversTypes['TrainingJob']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['BenchmarkRow']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TrainingJobState'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BenchmarkBestResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BenchmarkBest'] = ResolversParentTypes['BenchmarkBest']> = {
  experiment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  iou?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BenchmarkRowResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BenchmarkRow'] = ResolversParentTypes['BenchmarkRow']> = {
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  encoder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  init?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  iou?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BootstrapGroupPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BootstrapGroupPayload'] = ResolversParentTypes['BootstrapGroupPayload']> = {
  admin?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  apiKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  group?: Resolver<ResolversTypes['Group'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClassIntervalCalibrationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ClassIntervalCalibration'] = ResolversParentTypes['ClassIntervalCalibration']> = {
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  missedRanges?: Resolver<Array<ResolversTypes['MissedRange']>, ParentType, ContextType>;
  scales?: Resolver<Array<ResolversTypes['IntervalScale']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClassMetricResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ClassMetric'] = ResolversParentTypes['ClassMetric']> = {
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  iou?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClassParticleIntervalsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ClassParticleIntervals'] = ResolversParentTypes['ClassParticleIntervals']> = {
  areaFraction?: Resolver<ResolversTypes['MeasurementInterval'], ParentType, ContextType>;
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['MeasurementInterval'], ParentType, ContextType>;
  equivalentDiameterPercentiles?: Resolver<Array<ResolversTypes['PercentileInterval']>, ParentType, ContextType>;
  meanArea?: Resolver<Maybe<ResolversTypes['MeasurementInterval']>, ParentType, ContextType>;
  meanEquivalentDiameter?: Resolver<Maybe<ResolversTypes['MeasurementInterval']>, ParentType, ContextType>;
  medianEquivalentDiameter?: Resolver<Maybe<ResolversTypes['MeasurementInterval']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClassParticleMeasurementResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ClassParticleMeasurement'] = ResolversParentTypes['ClassParticleMeasurement']> = {
  area?: Resolver<ResolversTypes['SampleStatistics'], ParentType, ContextType>;
  areaFraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  borderCorrectedCount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  borderCorrectedMeanArea?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  equivalentDiameter?: Resolver<ResolversTypes['SampleStatistics'], ParentType, ContextType>;
  histogram?: Resolver<ResolversTypes['Histogram'], ParentType, ContextType>;
  interiorCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  interiorMeanArea?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pixelCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClassParticleSummaryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ClassParticleSummary'] = ResolversParentTypes['ClassParticleSummary']> = {
  areaFraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  histogram?: Resolver<ResolversTypes['Histogram'], ParentType, ContextType>;
  interiorCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meanArea?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meanEquivalentDiameter?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  medianArea?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  medianEquivalentDiameter?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  stdArea?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClassRuleResolvers = { ARGMAX: 'argmax', THRESHOLD: 'threshold' };

export type CompletedImageUploadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CompletedImageUpload'] = ResolversParentTypes['CompletedImageUpload']> = {
  deduplicated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  mask?: Resolver<Maybe<ResolversTypes['Mask']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  key?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CreatedWebhookResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreatedWebhook'] = ResolversParentTypes['CreatedWebhook']> = {
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = {
  classes?: Resolver<Array<ResolversTypes['DatasetClass']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  defaultPixelSize?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  experiments?: Resolver<Array<ResolversTypes['Experiment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  images?: Resolver<ResolversTypes['ImageConnection'], ParentType, ContextType, RequireFields<DatasetImagesArgs, 'first'>>;
  material?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Group']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  versions?: Resolver<ResolversTypes['DatasetVersionConnection'], ParentType, ContextType, RequireFields<DatasetVersionsArgs, 'first'>>;
  visibility?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetClassResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DatasetClass'] = ResolversParentTypes['DatasetClass']> = {
  color?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DatasetConnection'] = ResolversParentTypes['DatasetConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetMeasurementSummaryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DatasetMeasurementSummary'] = ResolversParentTypes['DatasetMeasurementSummary']> = {
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  datasetVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['SourceMeasurementSummary']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetVersionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DatasetVersion'] = ResolversParentTypes['DatasetVersion']> = {
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  experiments?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maskCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetVersionConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DatasetVersionConnection'] = ResolversParentTypes['DatasetVersionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['DatasetVersion']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeepZoomResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DeepZoom'] = ResolversParentTypes['DeepZoom']> = {
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxLevel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  overlap?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tileSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tiles?: Resolver<Array<ResolversTypes['DeepZoomTile']>, ParentType, ContextType, RequireFields<DeepZoomTilesArgs, 'column' | 'columns' | 'level' | 'row' | 'rows'>>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DeepZoomTileResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DeepZoomTile'] = ResolversParentTypes['DeepZoomTile']> = {
  column?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DeletionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Deletion'] = ResolversParentTypes['Deletion']> = {
  deletedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftClassResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftClass'] = ResolversParentTypes['DriftClass']> = {
  areaFraction?: Resolver<ResolversTypes['DriftDelta'], ParentType, ContextType>;
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['DriftDelta'], ParentType, ContextType>;
  meanArea?: Resolver<ResolversTypes['DriftOptionalDelta'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftDatasetClassResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftDatasetClass'] = ResolversParentTypes['DriftDatasetClass']> = {
  areaFraction?: Resolver<Maybe<ResolversTypes['DriftDelta']>, ParentType, ContextType>;
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<Maybe<ResolversTypes['DriftDelta']>, ParentType, ContextType>;
  countDelta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  images?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meanAbsAreaFractionDelta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  meanArea?: Resolver<Maybe<ResolversTypes['DriftOptionalDelta']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftDeltaResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftDelta'] = ResolversParentTypes['DriftDelta']> = {
  beyondUncertainty?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  delta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  new?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  newInterval?: Resolver<Maybe<ResolversTypes['ValueInterval']>, ParentType, ContextType>;
  old?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  oldInterval?: Resolver<Maybe<ResolversTypes['ValueInterval']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftImageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftImage'] = ResolversParentTypes['DriftImage']> = {
  classes?: Resolver<Array<ResolversTypes['DriftClass']>, ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  meanThickness?: Resolver<ResolversTypes['DriftOptionalDelta'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftOptionalDeltaResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftOptionalDelta'] = ResolversParentTypes['DriftOptionalDelta']> = {
  beyondUncertainty?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  delta?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  new?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  newInterval?: Resolver<Maybe<ResolversTypes['ValueInterval']>, ParentType, ContextType>;
  old?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  oldInterval?: Resolver<Maybe<ResolversTypes['ValueInterval']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftReportResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftReport'] = ResolversParentTypes['DriftReport']> = {
  dataset?: Resolver<Array<ResolversTypes['DriftDatasetClass']>, ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  fromVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['DriftImage']>, ParentType, ContextType>;
  toVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  unmatched?: Resolver<ResolversTypes['DriftUnmatched'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DriftUnmatchedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DriftUnmatched'] = ResolversParentTypes['DriftUnmatched']> = {
  onlyNew?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  onlyOld?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EpochRecordResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EpochRecord'] = ResolversParentTypes['EpochRecord']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  epoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  improved?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  learningRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  loss?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  seconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  valIou?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Experiment'] = ResolversParentTypes['Experiment']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  test?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  train?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  val?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateCheckResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateCheck'] = ResolversParentTypes['GateCheck']> = {
  candidate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  class?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  className?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  difference?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['GateQuantity'], ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  relativeDifference?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tolerance?: Resolver<ResolversTypes['GateTolerance'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateComparisonResolvers = { CURRENT_VERSION: 'currentVersion', GROUND_TRUTH: 'groundTruth' };

export type GateErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateError'] = ResolversParentTypes['GateError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateQuantityResolvers = { AREA_FRACTION: 'areaFraction', COUNT: 'count', IOU: 'iou', MEAN_EQUIVALENT_DIAMETER: 'meanEquivalentDiameter', THICKNESS: 'thickness' };

export type GateReportResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateReport'] = ResolversParentTypes['GateReport']> = {
  candidateVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  checks?: Resolver<Array<ResolversTypes['GateCheck']>, ParentType, ContextType>;
  comparison?: Resolver<ResolversTypes['GateComparison'], ParentType, ContextType>;
  datasetVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['GateError']>, ParentType, ContextType>;
  evaluatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  images?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  referenceVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  skippedImages?: Resolver<Array<ResolversTypes['GateSkippedImage']>, ParentType, ContextType>;
  subset?: Resolver<ResolversTypes['SplitSubset'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateSkippedImageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateSkippedImage'] = ResolversParentTypes['GateSkippedImage']> = {
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateToleranceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateTolerance'] = ResolversParentTypes['GateTolerance']> = {
  absolute?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['GateQuantity'], ParentType, ContextType>;
  relative?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GroupResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Group'] = ResolversParentTypes['Group']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GroupConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GroupConnection'] = ResolversParentTypes['GroupConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Group']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type HealthCheckResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['HealthCheck'] = ResolversParentTypes['HealthCheck']> = {
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type HistogramResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Histogram'] = ResolversParentTypes['Histogram']> = {
  counts?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  edges?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Image'] = ResolversParentTypes['Image']> = {
  bitDepth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  channels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  deepZoom?: Resolver<ResolversTypes['DeepZoom'], ParentType, ContextType>;
  downloadUrls?: Resolver<ResolversTypes['ImageDownloadUrls'], ParentType, ContextType>;
  evaluations?: Resolver<Array<ResolversTypes['MaskEvaluation']>, ParentType, ContextType, Partial<ImageEvaluationsArgs>>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ImageFormat'], ParentType, ContextType>;
  hasMask?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  limsId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  lossy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  masks?: Resolver<Array<ResolversTypes['Mask']>, ParentType, ContextType>;
  measurements?: Resolver<ResolversTypes['MeasurementSetConnection'], ParentType, ContextType, RequireFields<ImageMeasurementsArgs, 'first'>>;
  metadata?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pixelSize?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  pixelSizeSource?: Resolver<Maybe<ResolversTypes['PixelSizeSource']>, ParentType, ContextType>;
  segmentations?: Resolver<ResolversTypes['SegmentationConnection'], ParentType, ContextType, RequireFields<ImageSegmentationsArgs, 'first'>>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageAddedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageAdded'] = ResolversParentTypes['ImageAdded']> = {
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageConnection'] = ResolversParentTypes['ImageConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Image']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageDownloadUrlsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageDownloadUrls'] = ResolversParentTypes['ImageDownloadUrls']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  normalised?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  original?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  thumbnail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageFormatResolvers = { JPEG: 'jpeg', PNG: 'png', TIFF: 'tiff' };

export type ImportedWeightsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImportedWeights'] = ResolversParentTypes['ImportedWeights']> = {
  architecture?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  encoder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pretraining?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['WeightsScope'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tensorCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImportedWeightsConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImportedWeightsConnection'] = ResolversParentTypes['ImportedWeightsConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['ImportedWeights']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type InitialWeightsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['InitialWeights'] = ResolversParentTypes['InitialWeights']> = {
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['InitialWeightsKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type InitialWeightsKindResolvers = { RANDOM: 'random', VERSION: 'version', WEIGHTS: 'weights' };

export type IntervalCalibrationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['IntervalCalibration'] = ResolversParentTypes['IntervalCalibration']> = {
  classes?: Resolver<Array<ResolversTypes['ClassIntervalCalibration']>, ParentType, ContextType>;
  coverage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  images?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['ThicknessIntervalCalibration']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type IntervalQuantityResolvers = { AREA_FRACTION: 'areaFraction', COUNT: 'count', MEAN: 'mean', MEAN_AREA: 'meanArea', MEAN_EQUIVALENT_DIAMETER: 'meanEquivalentDiameter', P10: 'p10', P50: 'p50', P90: 'p90' };

export type IntervalScaleResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['IntervalScale'] = ResolversParentTypes['IntervalScale']> = {
  factor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  fields?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  floor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['IntervalQuantity'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type IouDefinitionResolvers = { MEAN_CLASS: 'mean_class', PAPER: 'paper' };

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobError'] = ResolversParentTypes['JobError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LayerThicknessMeasurementResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LayerThicknessMeasurement'] = ResolversParentTypes['LayerThicknessMeasurement']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  layerArea?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  layerPixels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minArea?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  radius?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skeletonPixels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  thickness?: Resolver<ResolversTypes['SampleStatistics'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LengthUnitResolvers = { MM: 'mm', NM: 'nm', UM: 'um' };

export type LineageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Lineage'] = ResolversParentTypes['Lineage']> = {
  ancestors?: Resolver<Array<ResolversTypes['LineageStep']>, ParentType, ContextType>;
  dataset?: Resolver<ResolversTypes['TrainingData'], ParentType, ContextType>;
  descendants?: Resolver<ResolversTypes['ModelVersionConnection'], ParentType, ContextType, RequireFields<LineageDescendantsArgs, 'first'>>;
  job?: Resolver<Maybe<ResolversTypes['TrainingJob']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LineageStepResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LineageStep'] = ResolversParentTypes['LineageStep']> = {
  imported?: Resolver<Maybe<ResolversTypes['ImportedWeights']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  weights?: Resolver<ResolversTypes['InitialWeights'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LossWeightsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LossWeights'] = ResolversParentTypes['LossWeights']> = {
  bce?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  dice?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MaskResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mask'] = ResolversParentTypes['Mask']> = {
  classPixels?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deepZoom?: Resolver<ResolversTypes['DeepZoom'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indexUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MaskKind'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MaskEvaluationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MaskEvaluation'] = ResolversParentTypes['MaskEvaluation']> = {
  accuracyMapUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  classes?: Resolver<Array<ResolversTypes['MaskEvaluationClass']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  meanIoU?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  modelMaskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  truthMaskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MaskEvaluationClassResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MaskEvaluationClass'] = ResolversParentTypes['MaskEvaluationClass']> = {
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  iou?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  precision?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  recall?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MaskKindResolvers = { COLOUR: 'colour', INDEX: 'index' };

export type MaskSourceResolvers = { GROUND_TRUTH: 'ground_truth', MODEL: 'model' };

export type MeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Me'] = ResolversParentTypes['Me']> = {
  group?: Resolver<ResolversTypes['Group'], ParentType, ContextType>;
  groupId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  groupName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  scopes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasuredObjectResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasuredObject'] = ResolversParentTypes['MeasuredObject']> = {
  area?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  centroidCol?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  centroidRow?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  class?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  eccentricity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  equivalentDiameter?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  majorAxisLength?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxCol?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxRow?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minCol?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minRow?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minorAxisLength?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  object?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  perimeter?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  solidity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  touchesBorder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementCompletedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementCompleted'] = ResolversParentTypes['MeasurementCompleted']> = {
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  completedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['MeasurementError']>, ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kinds?: Resolver<Array<ResolversTypes['MeasurementKind']>, ParentType, ContextType>;
  limsId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  maskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  measurementId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  measurementSet?: Resolver<Maybe<ResolversTypes['MeasurementSet']>, ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MeasurementStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementError'] = ResolversParentTypes['MeasurementError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementExportResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementExport'] = ResolversParentTypes['MeasurementExport']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['MeasurementExportFormat'], ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementExportFormatResolvers = { CSV: 'csv', JSON: 'json' };

export type MeasurementIntervalResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementInterval'] = ResolversParentTypes['MeasurementInterval']> = {
  coverage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementKindResolvers = { PARTICLES: 'particles', THICKNESS: 'thickness' };

export type MeasurementPlotsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementPlots'] = ResolversParentTypes['MeasurementPlots']> = {
  sizeHistogramUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  specs?: Resolver<Array<ResolversTypes['PlotSpec']>, ParentType, ContextType>;
  thicknessHistogramUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementProfileResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementProfile'] = ResolversParentTypes['MeasurementProfile']> = {
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  profile?: Resolver<ResolversTypes['MeasurementProfileSpec'], ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementProfileSpecResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementProfileSpec'] = ResolversParentTypes['MeasurementProfileSpec']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  histogramBins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  particles?: Resolver<Maybe<ResolversTypes['ParticleAnalysisSettings']>, ParentType, ContextType>;
  pixelSize?: Resolver<ResolversTypes['PixelSizeSettings'], ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['ThicknessAnalysisSettings']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementProvenanceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementProvenance'] = ResolversParentTypes['MeasurementProvenance']> = {
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  limsId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  maskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  measuredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ProvenanceModelVersion']>, ParentType, ContextType>;
  parameters?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segmentation?: Resolver<Maybe<ResolversTypes['Segmentation']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementSetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementSet'] = ResolversParentTypes['MeasurementSet']> = {
  classRule?: Resolver<Maybe<ResolversTypes['ClassRule']>, ParentType, ContextType>;
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  completedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['MeasurementError']>, ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  objectsAt?: Resolver<Array<ResolversTypes['MeasuredObject']>, ParentType, ContextType, RequireFields<MeasurementSetObjectsAtArgs, 'limit' | 'x' | 'y'>>;
  particles?: Resolver<Array<ResolversTypes['ClassParticleMeasurement']>, ParentType, ContextType>;
  pixelSize?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  pixelSizeSource?: Resolver<Maybe<ResolversTypes['PixelSizeSource']>, ParentType, ContextType>;
  plots?: Resolver<ResolversTypes['MeasurementPlots'], ParentType, ContextType>;
  profile?: Resolver<ResolversTypes['MeasurementProfileSpec'], ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['MeasurementProvenance'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MeasurementStatus'], ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['LayerThicknessMeasurement']>, ParentType, ContextType>;
  uncertainty?: Resolver<Maybe<ResolversTypes['MeasurementUncertainty']>, ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementSetConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementSetConnection'] = ResolversParentTypes['MeasurementSetConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['MeasurementSet']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeasurementStatusResolvers = { FAILED: 'failed', SUCCEEDED: 'succeeded' };

export type MeasurementUncertaintyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementUncertainty'] = ResolversParentTypes['MeasurementUncertainty']> = {
  coverage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  particles?: Resolver<Array<ResolversTypes['ClassParticleIntervals']>, ParentType, ContextType>;
  probabilityBand?: Resolver<Maybe<ResolversTypes['ProbabilityBand']>, ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['ThicknessIntervals']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MemberResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MemberConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MemberConnection'] = ResolversParentTypes['MemberConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MissedRangeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MissedRange'] = ResolversParentTypes['MissedRange']> = {
  fields?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['IntervalQuantity'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model']> = {
  aliasGates?: Resolver<Array<ResolversTypes['AliasGate']>, ParentType, ContextType>;
  aliasHistory?: Resolver<ResolversTypes['AliasMoveConnection'], ParentType, ContextType, RequireFields<ModelAliasHistoryArgs, 'first'>>;
  aliases?: Resolver<Array<ResolversTypes['ModelAlias']>, ParentType, ContextType>;
  card?: Resolver<ResolversTypes['ModelCard'], ParentType, ContextType>;
  classes?: Resolver<Array<ResolversTypes['DatasetClass']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  material?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Group']>, ParentType, ContextType>;
  task?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  versionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  versions?: Resolver<ResolversTypes['ModelVersionConnection'], ParentType, ContextType, RequireFields<ModelVersionsArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelAliasResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelAlias'] = ResolversParentTypes['ModelAlias']> = {
  alias?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  movedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  movedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  versionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  versionNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelCardResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelCard'] = ResolversParentTypes['ModelCard']> = {
  intendedMaterial?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  limits?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  magnification?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  markdown?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pixelSize?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelConnection'] = ResolversParentTypes['ModelConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Model']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelDownloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelDownload'] = ResolversParentTypes['ModelDownload']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ModelDownloadFormat'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  versionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelDownloadFormatResolvers = { ARTIFACT: 'artifact', BIOIMAGEIO: 'bioimageio', ONNX: 'onnx' };

export type ModelPackageUploadTicketResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelPackageUploadTicket'] = ResolversParentTypes['ModelPackageUploadTicket']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelVersionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  artifact?: Resolver<ResolversTypes['ArtifactLocation'], ParentType, ContextType>;
  binary?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  classRule?: Resolver<ResolversTypes['ClassRule'], ParentType, ContextType>;
  classes?: Resolver<Array<ResolversTypes['DatasetClass']>, ParentType, ContextType>;
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  config?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataset?: Resolver<ResolversTypes['TrainingData'], ParentType, ContextType>;
  download?: Resolver<ResolversTypes['ModelDownload'], ParentType, ContextType, RequireFields<ModelVersionDownloadArgs, 'format'>>;
  durationSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  encoder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  intervalCalibration?: Resolver<Maybe<ResolversTypes['IntervalCalibration']>, ParentType, ContextType>;
  iouDefinition?: Resolver<ResolversTypes['IouDefinition'], ParentType, ContextType>;
  jobId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  material?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metrics?: Resolver<ResolversTypes['VersionMetrics'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outOfDistribution?: Resolver<Maybe<ResolversTypes['OutOfDistributionCalibration']>, ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Group']>, ParentType, ContextType>;
  parent?: Resolver<ResolversTypes['InitialWeights'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sixteenBitInput?: Resolver<ResolversTypes['SixteenBitInput'], ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
  workerKind?: Resolver<ResolversTypes['WorkerKind'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelVersionConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelVersionConnection'] = ResolversParentTypes['ModelVersionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MultipartUploadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MultipartUpload'] = ResolversParentTypes['MultipartUpload']> = {
  partSizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  parts?: Resolver<Array<ResolversTypes['UploadPart']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationAddMemberArgs, 'input'>>;
  bootstrapGroup?: Resolver<ResolversTypes['BootstrapGroupPayload'], ParentType, ContextType, RequireFields<MutationBootstrapGroupArgs, 'input'>>;
  cancelTrainingJob?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType, RequireFields<MutationCancelTrainingJobArgs, 'id'>>;
  completeImageUpload?: Resolver<ResolversTypes['CompletedImageUpload'], ParentType, ContextType, RequireFields<MutationCompleteImageUploadArgs, 'input'>>;
  completeMaskUpload?: Resolver<ResolversTypes['Mask'], ParentType, ContextType, RequireFields<MutationCompleteMaskUploadArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationCreateDatasetArgs, 'input'>>;
  createDatasetVersion?: Resolver<ResolversTypes['DatasetVersion'], ParentType, ContextType, RequireFields<MutationCreateDatasetVersionArgs, 'datasetId'>>;
  createImageUpload?: Resolver<ResolversTypes['UploadTicket'], ParentType, ContextType, RequireFields<MutationCreateImageUploadArgs, 'input'>>;
  createMaskUpload?: Resolver<ResolversTypes['UploadTicket'], ParentType, ContextType, RequireFields<MutationCreateMaskUploadArgs, 'input'>>;
  createModelPackageUpload?: Resolver<ResolversTypes['ModelPackageUploadTicket'], ParentType, ContextType, RequireFields<MutationCreateModelPackageUploadArgs, 'input'>>;
  createPolicy?: Resolver<ResolversTypes['AutomationPolicy'], ParentType, ContextType, RequireFields<MutationCreatePolicyArgs, 'input'>>;
  createWebhook?: Resolver<ResolversTypes['CreatedWebhook'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'input'>>;
  createWeightsUpload?: Resolver<ResolversTypes['WeightsUploadTicket'], ParentType, ContextType, RequireFields<MutationCreateWeightsUploadArgs, 'input'>>;
  deleteDataset?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteDatasetArgs, 'id'>>;
  deleteExperiment?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteExperimentArgs, 'datasetId' | 'name'>>;
  deleteImage?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteImageArgs, 'id'>>;
  deleteMask?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteMaskArgs, 'id'>>;
  deleteWebhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType, RequireFields<MutationDeleteWebhookArgs, 'id'>>;
  importModelPackage?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationImportModelPackageArgs, 'input'>>;
  importWeights?: Resolver<ResolversTypes['ImportedWeights'], ParentType, ContextType, RequireFields<MutationImportWeightsArgs, 'input'>>;
  pausePolicy?: Resolver<ResolversTypes['AutomationPolicy'], ParentType, ContextType, RequireFields<MutationPausePolicyArgs, 'id'>>;
  remeasureDataset?: Resolver<ResolversTypes['RemeasureResult'], ParentType, ContextType, RequireFields<MutationRemeasureDatasetArgs, 'datasetId'>>;
  removeAliasGate?: Resolver<ResolversTypes['AliasGate'], ParentType, ContextType, RequireFields<MutationRemoveAliasGateArgs, 'alias' | 'modelId'>>;
  removeMember?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'memberId'>>;
  renameGroup?: Resolver<ResolversTypes['Group'], ParentType, ContextType, RequireFields<MutationRenameGroupArgs, 'name'>>;
  reproduceBenchmark?: Resolver<ResolversTypes['Benchmark'], ParentType, ContextType, RequireFields<MutationReproduceBenchmarkArgs, 'input'>>;
  resumePolicy?: Resolver<ResolversTypes['AutomationPolicy'], ParentType, ContextType, RequireFields<MutationResumePolicyArgs, 'id'>>;
  retryTrainingJob?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType, RequireFields<MutationRetryTrainingJobArgs, 'id'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  runPolicy?: Resolver<ResolversTypes['PipelineRun'], ParentType, ContextType, RequireFields<MutationRunPolicyArgs, 'id'>>;
  setAliasGate?: Resolver<ResolversTypes['AliasGate'], ParentType, ContextType, RequireFields<MutationSetAliasGateArgs, 'input'>>;
  setExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationSetExperimentArgs, 'input'>>;
  setMeasurementProfile?: Resolver<ResolversTypes['MeasurementProfile'], ParentType, ContextType, RequireFields<MutationSetMeasurementProfileArgs, 'datasetId' | 'input'>>;
  setMemberRole?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationSetMemberRoleArgs, 'memberId' | 'role'>>;
  setModelAlias?: Resolver<ResolversTypes['AliasMove'], ParentType, ContextType, RequireFields<MutationSetModelAliasArgs, 'input'>>;
  shareModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationShareModelVersionArgs, 'id' | 'visibility'>>;
  startTraining?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType, RequireFields<MutationStartTrainingArgs, 'input'>>;
  updateDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationUpdateDatasetArgs, 'id' | 'input'>>;
  updateImage?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<MutationUpdateImageArgs, 'id' | 'input'>>;
  updateModelCard?: Resolver<ResolversTypes['Model'], ParentType, ContextType, RequireFields<MutationUpdateModelCardArgs, 'card' | 'modelId'>>;
};

export type OutOfDistributionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['OutOfDistribution'] = ResolversParentTypes['OutOfDistribution']> = {
  flagged?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type OutOfDistributionCalibrationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['OutOfDistributionCalibration'] = ResolversParentTypes['OutOfDistributionCalibration']> = {
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['OutOfDistributionRule'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  trainingImages?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validationScores?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type OutOfDistributionRuleResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['OutOfDistributionRule'] = ResolversParentTypes['OutOfDistributionRule']> = {
  margin?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quantile?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ParticleAnalysisSettingsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ParticleAnalysisSettings'] = ResolversParentTypes['ParticleAnalysisSettings']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  connectivity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PercentileIntervalResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PercentileInterval'] = ResolversParentTypes['PercentileInterval']> = {
  interval?: Resolver<Maybe<ResolversTypes['MeasurementInterval']>, ParentType, ContextType>;
  percentile?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PipelineRunResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PipelineRun'] = ResolversParentTypes['PipelineRun']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outOfDistribution?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  policyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  segmented?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['PipelineRunState'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['PipelineTrigger'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PipelineRunConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PipelineRunConnection'] = ResolversParentTypes['PipelineRunConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['PipelineRun']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PipelineRunStateResolvers = { FAILED: 'failed', RUNNING: 'running', SUCCEEDED: 'succeeded' };

export type PipelineStepErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PipelineStepError'] = ResolversParentTypes['PipelineStepError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PipelineTriggerResolvers = { ALIAS_MOVE: 'alias-move', BATCH: 'batch', UPLOAD: 'upload' };

export type PixelSizeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PixelSize'] = ResolversParentTypes['PixelSize']> = {
  unit?: Resolver<ResolversTypes['LengthUnit'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PixelSizePolicyResolvers = { FIXED: 'fixed', IMAGE: 'image', PIXELS: 'pixels' };

export type PixelSizeSettingsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PixelSizeSettings'] = ResolversParentTypes['PixelSizeSettings']> = {
  fixed?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['PixelSizePolicy'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PixelSizeSourceResolvers = { DATASET: 'dataset', FEI_TAG: 'fei_tag', PROFILE: 'profile', TIFF: 'tiff', UPLOAD: 'upload', ZEISS_TAG: 'zeiss_tag' };

export type PlatformHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PlatformHealth'] = ResolversParentTypes['PlatformHealth']> = {
  services?: Resolver<Array<ResolversTypes['ServiceHealth']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ServiceStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PlotKindResolvers = { AREA_FRACTIONS: 'area_fractions', SIZE_HISTOGRAM: 'size_histogram', THICKNESS_HISTOGRAM: 'thickness_histogram', THICKNESS_PROFILE: 'thickness_profile' };

export type PlotSpecResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PlotSpec'] = ResolversParentTypes['PlotSpec']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PlotKind'], ParentType, ContextType>;
  spec?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProbabilityBandResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ProbabilityBand'] = ResolversParentTypes['ProbabilityBand']> = {
  classRule?: Resolver<ResolversTypes['ClassRule'], ParentType, ContextType>;
  high?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProvenanceModelVersionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ProvenanceModelVersion'] = ResolversParentTypes['ProvenanceModelVersion']> = {
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  classRule?: Resolver<ResolversTypes['ClassRule'], ParentType, ContextType>;
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  encoder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sixteenBitInput?: Resolver<ResolversTypes['SixteenBitInput'], ParentType, ContextType>;
  trainingData?: Resolver<ResolversTypes['ProvenanceTrainingData'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProvenanceTrainingDataResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ProvenanceTrainingData'] = ResolversParentTypes['ProvenanceTrainingData']> = {
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  datasetVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  experiment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<ResolversTypes['ApiKeyConnection'], ParentType, ContextType, RequireFields<QueryApiKeysArgs, 'first' | 'includeRevoked'>>;
  auditLog?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  benchmark?: Resolver<Maybe<ResolversTypes['Benchmark']>, ParentType, ContextType, RequireFields<QueryBenchmarkArgs, 'id'>>;
  compareModelVersions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryCompareModelVersionsArgs, 'ids'>>;
  dataset?: Resolver<Maybe<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<QueryDatasetArgs, 'id'>>;
  datasetMeasurementSummary?: Resolver<ResolversTypes['DatasetMeasurementSummary'], ParentType, ContextType, RequireFields<QueryDatasetMeasurementSummaryArgs, 'datasetId'>>;
  datasetMeasurements?: Resolver<ResolversTypes['MeasurementSetConnection'], ParentType, ContextType, RequireFields<QueryDatasetMeasurementsArgs, 'datasetId' | 'first'>>;
  datasetSegmentations?: Resolver<ResolversTypes['SegmentationConnection'], ParentType, ContextType, RequireFields<QueryDatasetSegmentationsArgs, 'datasetId' | 'first'>>;
  datasetVersion?: Resolver<Maybe<ResolversTypes['DatasetVersion']>, ParentType, ContextType, RequireFields<QueryDatasetVersionArgs, 'id'>>;
  datasets?: Resolver<ResolversTypes['DatasetConnection'], ParentType, ContextType, RequireFields<QueryDatasetsArgs, 'first'>>;
  driftReport?: Resolver<ResolversTypes['DriftReport'], ParentType, ContextType, RequireFields<QueryDriftReportArgs, 'datasetId' | 'fromVersionId' | 'toVersionId'>>;
  exportDatasetMeasurements?: Resolver<ResolversTypes['MeasurementExport'], ParentType, ContextType, RequireFields<QueryExportDatasetMeasurementsArgs, 'datasetId' | 'format'>>;
  groups?: Resolver<ResolversTypes['GroupConnection'], ParentType, ContextType, RequireFields<QueryGroupsArgs, 'first'>>;
  health?: Resolver<ResolversTypes['PlatformHealth'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType, RequireFields<QueryImageArgs, 'id'>>;
  imageByLimsId?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType, RequireFields<QueryImageByLimsIdArgs, 'limsId'>>;
  imageMeasurements?: Resolver<ResolversTypes['MeasurementSetConnection'], ParentType, ContextType, RequireFields<QueryImageMeasurementsArgs, 'first' | 'imageId'>>;
  importedWeights?: Resolver<ResolversTypes['ImportedWeightsConnection'], ParentType, ContextType, RequireFields<QueryImportedWeightsArgs, 'first'>>;
  lineage?: Resolver<Maybe<ResolversTypes['Lineage']>, ParentType, ContextType, RequireFields<QueryLineageArgs, 'versionId'>>;
  me?: Resolver<ResolversTypes['Me'], ParentType, ContextType>;
  measurementProfile?: Resolver<Maybe<ResolversTypes['MeasurementProfile']>, ParentType, ContextType, RequireFields<QueryMeasurementProfileArgs, 'datasetId'>>;
  members?: Resolver<ResolversTypes['MemberConnection'], ParentType, ContextType, RequireFields<QueryMembersArgs, 'first'>>;
  model?: Resolver<Maybe<ResolversTypes['Model']>, ParentType, ContextType, RequireFields<QueryModelArgs, 'id'>>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryModelVersionArgs, 'id'>>;
  modelVersionByAlias?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryModelVersionByAliasArgs, 'alias' | 'model'>>;
  modelVersions?: Resolver<ResolversTypes['ModelVersionConnection'], ParentType, ContextType, RequireFields<QueryModelVersionsArgs, 'first'>>;
  models?: Resolver<ResolversTypes['ModelConnection'], ParentType, ContextType, RequireFields<QueryModelsArgs, 'first'>>;
  pipelineRun?: Resolver<Maybe<ResolversTypes['PipelineRun']>, ParentType, ContextType, RequireFields<QueryPipelineRunArgs, 'id'>>;
  pipelineRuns?: Resolver<ResolversTypes['PipelineRunConnection'], ParentType, ContextType, RequireFields<QueryPipelineRunsArgs, 'first'>>;
  policies?: Resolver<ResolversTypes['AutomationPolicyConnection'], ParentType, ContextType, RequireFields<QueryPoliciesArgs, 'first'>>;
  trainingJob?: Resolver<Maybe<ResolversTypes['TrainingJob']>, ParentType, ContextType, RequireFields<QueryTrainingJobArgs, 'id'>>;
  trainingJobs?: Resolver<ResolversTypes['TrainingJobConnection'], ParentType, ContextType, RequireFields<QueryTrainingJobsArgs, 'first'>>;
  webhookDeliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'first'>>;
  webhooks?: Resolver<Array<ResolversTypes['Webhook']>, ParentType, ContextType>;
};

export type RemeasureResultResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemeasureResult'] = ResolversParentTypes['RemeasureResult']> = {
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RoleResolvers = { ADMIN: 'admin', MEMBER: 'member', VIEWER: 'viewer' };

export type SampleStatisticsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SampleStatistics'] = ResolversParentTypes['SampleStatistics']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  median?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  percentiles?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  std?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SegmentationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Segmentation'] = ResolversParentTypes['Segmentation']> = {
  backend?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  computeMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['PipelineStepError']>, ParentType, ContextType>;
  evaluation?: Resolver<Maybe<ResolversTypes['MaskEvaluation']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  maskUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  outOfDistribution?: Resolver<Maybe<ResolversTypes['OutOfDistribution']>, ParentType, ContextType>;
  runId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SegmentationStatus'], ParentType, ContextType>;
  tiles?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SegmentationConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SegmentationConnection'] = ResolversParentTypes['SegmentationConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Segmentation']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SegmentationStatusResolvers = { FAILED: 'failed', SUCCEEDED: 'succeeded' };

export type ServiceHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ServiceHealth'] = ResolversParentTypes['ServiceHealth']> = {
  checks?: Resolver<Array<ResolversTypes['HealthCheck']>, ParentType, ContextType>;
  instance?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ServiceStatus'], ParentType, ContextType>;
  uptimeSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ServiceStatusResolvers = { DEGRADED: 'degraded', DOWN: 'down', UP: 'up' };

export type SixteenBitInputResolvers = { FULL_RANGE: 'full_range', HIGH_BYTE: 'high_byte' };

export type SourceMeasurementSummaryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SourceMeasurementSummary'] = ResolversParentTypes['SourceMeasurementSummary']> = {
  failedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maskCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  particles?: Resolver<Array<ResolversTypes['ClassParticleSummary']>, ParentType, ContextType>;
  plots?: Resolver<ResolversTypes['MeasurementPlots'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['SampleStatistics']>, ParentType, ContextType>;
  uncertainty?: Resolver<Maybe<ResolversTypes['MeasurementUncertainty']>, ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SplitMetricsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SplitMetrics'] = ResolversParentTypes['SplitMetrics']> = {
  images?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  iou?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  meanClassIou?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  perClass?: Resolver<Array<ResolversTypes['ClassMetric']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SplitSubsetResolvers = { TEST: 'test', TRAIN: 'train', VAL: 'val' };

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  imageAdded?: SubscriptionResolver<ResolversTypes['ImageAdded'], "imageAdded", ParentType, ContextType, RequireFields<SubscriptionImageAddedArgs, 'datasetId'>>;
  measurementCompleted?: SubscriptionResolver<ResolversTypes['MeasurementCompleted'], "measurementCompleted", ParentType, ContextType, RequireFields<SubscriptionMeasurementCompletedArgs, 'datasetId'>>;
  trainingJobProgress?: SubscriptionResolver<ResolversTypes['TrainingJobUpdate'], "trainingJobProgress", ParentType, ContextType, RequireFields<SubscriptionTrainingJobProgressArgs, 'jobId'>>;
};

export type ThicknessAnalysisSettingsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ThicknessAnalysisSettings'] = ResolversParentTypes['ThicknessAnalysisSettings']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  minArea?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  radius?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ThicknessIntervalCalibrationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ThicknessIntervalCalibration'] = ResolversParentTypes['ThicknessIntervalCalibration']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  minArea?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  radius?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scales?: Resolver<Array<ResolversTypes['IntervalScale']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ThicknessIntervalsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ThicknessIntervals'] = ResolversParentTypes['ThicknessIntervals']> = {
  mean?: Resolver<Maybe<ResolversTypes['MeasurementInterval']>, ParentType, ContextType>;
  median?: Resolver<Maybe<ResolversTypes['MeasurementInterval']>, ParentType, ContextType>;
  percentiles?: Resolver<Array<ResolversTypes['PercentileInterval']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingDataResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrainingData'] = ResolversParentTypes['TrainingData']> = {
  contentHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  versionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingJobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrainingJob'] = ResolversParentTypes['TrainingJob']> = {
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  benchmarkId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  binary?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  checkpointEpoch?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  classRule?: Resolver<ResolversTypes['ClassRule'], ParentType, ContextType>;
  classes?: Resolver<Array<ResolversTypes['DatasetClass']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  datasetVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  encoder?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  epochs?: Resolver<Array<ResolversTypes['EpochRecord']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['JobError']>, ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  init?: Resolver<ResolversTypes['InitialWeights'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['TrainingProgress'], ParentType, ContextType>;
  queuePosition?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  recipe?: Resolver<ResolversTypes['TrainingRecipe'], ParentType, ContextType>;
  sixteenBitInput?: Resolver<ResolversTypes['SixteenBitInput'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TrainingJobState'], ParentType, ContextType>;
  workerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  workerKind?: Resolver<Maybe<ResolversTypes['WorkerKind']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingJobConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrainingJobConnection'] = ResolversParentTypes['TrainingJobConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['TrainingJob']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingJobStateResolvers = { CANCELLED: 'cancelled', FAILED: 'failed', QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded' };

export type TrainingJobUpdateResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrainingJobUpdate'] = ResolversParentTypes['TrainingJobUpdate']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  jobId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['TrainingProgress'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TrainingJobState'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingProgressResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrainingProgress'] = ResolversParentTypes['TrainingProgress']> = {
  bestValIou?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  epoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  etaSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  learningRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  loss?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  maxEpochs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  valIou?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingRecipeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrainingRecipe'] = ResolversParentTypes['TrainingRecipe']> = {
  batchSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  crop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fineLearningRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  finePatience?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  freezeEncoder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  horizontalFlipOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  learningRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  loss?: Resolver<ResolversTypes['LossWeights'], ParentType, ContextType>;
  maxEpochs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  patience?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type UploadPartResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UploadPart'] = ResolversParentTypes['UploadPart']> = {
  partNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type UploadTicketResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UploadTicket'] = ResolversParentTypes['UploadTicket']> = {
  existingImageId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  mask?: Resolver<Maybe<ResolversTypes['UploadTicket']>, ParentType, ContextType>;
  multipart?: Resolver<Maybe<ResolversTypes['MultipartUpload']>, ParentType, ContextType>;
  uploadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ValueIntervalResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ValueInterval'] = ResolversParentTypes['ValueInterval']> = {
  high?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  low?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VersionMetricsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['VersionMetrics'] = ResolversParentTypes['VersionMetrics']> = {
  test?: Resolver<Maybe<ResolversTypes['SplitMetrics']>, ParentType, ContextType>;
  val?: Resolver<ResolversTypes['SplitMetrics'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VisibilityResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Visibility'] = ResolversParentTypes['Visibility']> = {
  level?: Resolver<ResolversTypes['VisibilityLevel'], ParentType, ContextType>;
  sharedWith?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VisibilityLevelResolvers = { PRIVATE: 'private', PUBLIC: 'public', SHARED: 'shared' };

export type WebhookResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['WebhookEventName']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WebhookAttemptResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WebhookAttempt'] = ResolversParentTypes['WebhookAttempt']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refusedRule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<Array<ResolversTypes['WebhookAttempt']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['WebhookEventName'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  limsId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['WebhookDeliveryState'], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  webhookId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WebhookDeliveryStateResolvers = { DEAD: 'dead', DELIVERED: 'delivered', PENDING: 'pending', REFUSED: 'refused' };

export type WebhookEventNameResolvers = { MEASUREMENT_COMPLETED: 'measurement.completed', SEGMENTATION_COMPLETED: 'segmentation.completed' };

export type WeightsScopeResolvers = { ENCODER: 'encoder', MODEL: 'model' };

export type WeightsUploadTicketResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WeightsUploadTicket'] = ResolversParentTypes['WeightsUploadTicket']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkerKindResolvers = { CPU: 'cpu', GPU: 'gpu' };

export type Resolvers<ContextType = GatewayContext> = {
  AliasGate?: AliasGateResolvers<ContextType>;
  AliasGateDeclaration?: AliasGateDeclarationResolvers<ContextType>;
  AliasMove?: AliasMoveResolvers<ContextType>;
  AliasMoveConnection?: AliasMoveConnectionResolvers<ContextType>;
  AliasMoveOutcome?: AliasMoveOutcomeResolvers;
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyConnection?: ApiKeyConnectionResolvers<ContextType>;
  ArtifactLocation?: ArtifactLocationResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditOutcome?: AuditOutcomeResolvers;
  AutomationPolicy?: AutomationPolicyResolvers<ContextType>;
  AutomationPolicyConnection?: AutomationPolicyConnectionResolvers<ContextType>;
  Benchmark?: BenchmarkResolvers<ContextType>;
  BenchmarkBest?: BenchmarkBestResolvers<ContextType>;
  BenchmarkRow?: BenchmarkRowResolvers<ContextType>;
  BootstrapGroupPayload?: BootstrapGroupPayloadResolvers<ContextType>;
  ClassIntervalCalibration?: ClassIntervalCalibrationResolvers<ContextType>;
  ClassMetric?: ClassMetricResolvers<ContextType>;
  ClassParticleIntervals?: ClassParticleIntervalsResolvers<ContextType>;
  ClassParticleMeasurement?: ClassParticleMeasurementResolvers<ContextType>;
  ClassParticleSummary?: ClassParticleSummaryResolvers<ContextType>;
  ClassRule?: ClassRuleResolvers;
  CompletedImageUpload?: CompletedImageUploadResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  CreatedWebhook?: CreatedWebhookResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DatasetClass?: DatasetClassResolvers<ContextType>;
  DatasetConnection?: DatasetConnectionResolvers<ContextType>;
  DatasetMeasurementSummary?: DatasetMeasurementSummaryResolvers<ContextType>;
  DatasetVersion?: DatasetVersionResolvers<ContextType>;
  DatasetVersionConnection?: DatasetVersionConnectionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeepZoom?: DeepZoomResolvers<ContextType>;
  DeepZoomTile?: DeepZoomTileResolvers<ContextType>;
  Deletion?: DeletionResolvers<ContextType>;
  DriftClass?: DriftClassResolvers<ContextType>;
  DriftDatasetClass?: DriftDatasetClassResolvers<ContextType>;
  DriftDelta?: DriftDeltaResolvers<ContextType>;
  DriftImage?: DriftImageResolvers<ContextType>;
  DriftOptionalDelta?: DriftOptionalDeltaResolvers<ContextType>;
  DriftReport?: DriftReportResolvers<ContextType>;
  DriftUnmatched?: DriftUnmatchedResolvers<ContextType>;
  EpochRecord?: EpochRecordResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  GateCheck?: GateCheckResolvers<ContextType>;
  GateComparison?: GateComparisonResolvers;
  GateError?: GateErrorResolvers<ContextType>;
  GateQuantity?: GateQuantityResolvers;
  GateReport?: GateReportResolvers<ContextType>;
  GateSkippedImage?: GateSkippedImageResolvers<ContextType>;
  GateTolerance?: GateToleranceResolvers<ContextType>;
  Group?: GroupResolvers<ContextType>;
  GroupConnection?: GroupConnectionResolvers<ContextType>;
  HealthCheck?: HealthCheckResolvers<ContextType>;
  Histogram?: HistogramResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  ImageAdded?: ImageAddedResolvers<ContextType>;
  ImageConnection?: ImageConnectionResolvers<ContextType>;
  ImageDownloadUrls?: ImageDownloadUrlsResolvers<ContextType>;
  ImageFormat?: ImageFormatResolvers;
  ImportedWeights?: ImportedWeightsResolvers<ContextType>;
  ImportedWeightsConnection?: ImportedWeightsConnectionResolvers<ContextType>;
  InitialWeights?: InitialWeightsResolvers<ContextType>;
  InitialWeightsKind?: InitialWeightsKindResolvers;
  IntervalCalibration?: IntervalCalibrationResolvers<ContextType>;
  IntervalQuantity?: IntervalQuantityResolvers;
  IntervalScale?: IntervalScaleResolvers<ContextType>;
  IouDefinition?: IouDefinitionResolvers;
  JSON?: GraphQLScalarType;
  JobError?: JobErrorResolvers<ContextType>;
  LayerThicknessMeasurement?: LayerThicknessMeasurementResolvers<ContextType>;
  LengthUnit?: LengthUnitResolvers;
  Lineage?: LineageResolvers<ContextType>;
  LineageStep?: LineageStepResolvers<ContextType>;
  LossWeights?: LossWeightsResolvers<ContextType>;
  Mask?: MaskResolvers<ContextType>;
  MaskEvaluation?: MaskEvaluationResolvers<ContextType>;
  MaskEvaluationClass?: MaskEvaluationClassResolvers<ContextType>;
  MaskKind?: MaskKindResolvers;
  MaskSource?: MaskSourceResolvers;
  Me?: MeResolvers<ContextType>;
  MeasuredObject?: MeasuredObjectResolvers<ContextType>;
  MeasurementCompleted?: MeasurementCompletedResolvers<ContextType>;
  MeasurementError?: MeasurementErrorResolvers<ContextType>;
  MeasurementExport?: MeasurementExportResolvers<ContextType>;
  MeasurementExportFormat?: MeasurementExportFormatResolvers;
  MeasurementInterval?: MeasurementIntervalResolvers<ContextType>;
  MeasurementKind?: MeasurementKindResolvers;
  MeasurementPlots?: MeasurementPlotsResolvers<ContextType>;
  MeasurementProfile?: MeasurementProfileResolvers<ContextType>;
  MeasurementProfileSpec?: MeasurementProfileSpecResolvers<ContextType>;
  MeasurementProvenance?: MeasurementProvenanceResolvers<ContextType>;
  MeasurementSet?: MeasurementSetResolvers<ContextType>;
  MeasurementSetConnection?: MeasurementSetConnectionResolvers<ContextType>;
  MeasurementStatus?: MeasurementStatusResolvers;
  MeasurementUncertainty?: MeasurementUncertaintyResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberConnection?: MemberConnectionResolvers<ContextType>;
  MissedRange?: MissedRangeResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  ModelAlias?: ModelAliasResolvers<ContextType>;
  ModelCard?: ModelCardResolvers<ContextType>;
  ModelConnection?: ModelConnectionResolvers<ContextType>;
  ModelDownload?: ModelDownloadResolvers<ContextType>;
  ModelDownloadFormat?: ModelDownloadFormatResolvers;
  ModelPackageUploadTicket?: ModelPackageUploadTicketResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  ModelVersionConnection?: ModelVersionConnectionResolvers<ContextType>;
  MultipartUpload?: MultipartUploadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OutOfDistribution?: OutOfDistributionResolvers<ContextType>;
  OutOfDistributionCalibration?: OutOfDistributionCalibrationResolvers<ContextType>;
  OutOfDistributionRule?: OutOfDistributionRuleResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  ParticleAnalysisSettings?: ParticleAnalysisSettingsResolvers<ContextType>;
  PercentileInterval?: PercentileIntervalResolvers<ContextType>;
  PipelineRun?: PipelineRunResolvers<ContextType>;
  PipelineRunConnection?: PipelineRunConnectionResolvers<ContextType>;
  PipelineRunState?: PipelineRunStateResolvers;
  PipelineStepError?: PipelineStepErrorResolvers<ContextType>;
  PipelineTrigger?: PipelineTriggerResolvers;
  PixelSize?: PixelSizeResolvers<ContextType>;
  PixelSizePolicy?: PixelSizePolicyResolvers;
  PixelSizeSettings?: PixelSizeSettingsResolvers<ContextType>;
  PixelSizeSource?: PixelSizeSourceResolvers;
  PlatformHealth?: PlatformHealthResolvers<ContextType>;
  PlotKind?: PlotKindResolvers;
  PlotSpec?: PlotSpecResolvers<ContextType>;
  ProbabilityBand?: ProbabilityBandResolvers<ContextType>;
  ProvenanceModelVersion?: ProvenanceModelVersionResolvers<ContextType>;
  ProvenanceTrainingData?: ProvenanceTrainingDataResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RemeasureResult?: RemeasureResultResolvers<ContextType>;
  Role?: RoleResolvers;
  SampleStatistics?: SampleStatisticsResolvers<ContextType>;
  Segmentation?: SegmentationResolvers<ContextType>;
  SegmentationConnection?: SegmentationConnectionResolvers<ContextType>;
  SegmentationStatus?: SegmentationStatusResolvers;
  ServiceHealth?: ServiceHealthResolvers<ContextType>;
  ServiceStatus?: ServiceStatusResolvers;
  SixteenBitInput?: SixteenBitInputResolvers;
  SourceMeasurementSummary?: SourceMeasurementSummaryResolvers<ContextType>;
  SplitMetrics?: SplitMetricsResolvers<ContextType>;
  SplitSubset?: SplitSubsetResolvers;
  Subscription?: SubscriptionResolvers<ContextType>;
  ThicknessAnalysisSettings?: ThicknessAnalysisSettingsResolvers<ContextType>;
  ThicknessIntervalCalibration?: ThicknessIntervalCalibrationResolvers<ContextType>;
  ThicknessIntervals?: ThicknessIntervalsResolvers<ContextType>;
  TrainingData?: TrainingDataResolvers<ContextType>;
  TrainingJob?: TrainingJobResolvers<ContextType>;
  TrainingJobConnection?: TrainingJobConnectionResolvers<ContextType>;
  TrainingJobState?: TrainingJobStateResolvers;
  TrainingJobUpdate?: TrainingJobUpdateResolvers<ContextType>;
  TrainingProgress?: TrainingProgressResolvers<ContextType>;
  TrainingRecipe?: TrainingRecipeResolvers<ContextType>;
  UploadPart?: UploadPartResolvers<ContextType>;
  UploadTicket?: UploadTicketResolvers<ContextType>;
  ValueInterval?: ValueIntervalResolvers<ContextType>;
  VersionMetrics?: VersionMetricsResolvers<ContextType>;
  Visibility?: VisibilityResolvers<ContextType>;
  VisibilityLevel?: VisibilityLevelResolvers;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookAttempt?: WebhookAttemptResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryState?: WebhookDeliveryStateResolvers;
  WebhookEventName?: WebhookEventNameResolvers;
  WeightsScope?: WeightsScopeResolvers;
  WeightsUploadTicket?: WeightsUploadTicketResolvers<ContextType>;
  WorkerKind?: WorkerKindResolvers;
};

