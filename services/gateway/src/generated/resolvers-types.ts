import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Principal, Dataset as DatasetModel, Image as ImageModel, Mask as MaskModel } from '@microseg/contracts';
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

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  memberId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The first characters of the key, to recognise it. */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
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

export type CompleteImageUploadInput = {
  limsId?: InputMaybe<Scalars['String']['input']>;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** Default: the file name without extension; unique within the dataset. */
  name?: InputMaybe<Scalars['String']['input']>;
  parts?: InputMaybe<Array<UploadedPartInput>>;
  /** Overrides the TIFF resolution tags and the dataset default. */
  pixelSize?: InputMaybe<PixelSizeInput>;
  uploadId: Scalars['ID']['input'];
};

export type CompleteMaskUploadInput = {
  modelVersionId?: InputMaybe<Scalars['String']['input']>;
  parts?: InputMaybe<Array<UploadedPartInput>>;
  source?: InputMaybe<MaskSource>;
  uploadId: Scalars['ID']['input'];
};

export type CompletedImageUpload = {
  __typename?: 'CompletedImageUpload';
  /** True when the dataset already held these bytes: the existing image is returned. */
  deduplicated: Scalars['Boolean']['output'];
  image: Image;
};

export type CreateApiKeyInput = {
  /** Another member's key (admins only); default the caller. */
  memberId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
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

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  key: ApiKey;
  /** The key itself. Shown once; store it now. */
  secret: Scalars['String']['output'];
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
  versions: Array<DatasetVersion>;
  visibility: Visibility;
};


export type DatasetImagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImageFilter>;
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

export type Deletion = {
  __typename?: 'Deletion';
  deletedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
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
  /** Presigned GET URLs, valid 15 minutes. */
  downloadUrls: ImageDownloadUrls;
  fileName: Scalars['String']['output'];
  format: ImageFormat;
  hasMask: Scalars['Boolean']['output'];
  height: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  limsId: Maybe<Scalars['String']['output']>;
  /** JPEG uploads: accepted, but their pixels are not the instrument's. */
  lossy: Scalars['Boolean']['output'];
  masks: Array<Mask>;
  /** Every measurement of this image's masks, newest first. */
  measurements: Array<MeasurementSet>;
  metadata: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  pixelSize: Maybe<PixelSize>;
  pixelSizeSource: Maybe<PixelSizeSource>;
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  width: Scalars['Int']['output'];
};


export type ImageMeasurementsArgs = {
  modelVersionId?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<MaskSource>;
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
  limsId?: InputMaybe<Scalars['String']['input']>;
  /** Images whose metadata contains every one of these key/values. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  subset?: InputMaybe<SplitSubset>;
};

export type ImageFormat =
  | 'jpeg'
  | 'png'
  | 'tiff';

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

export type Mask = {
  __typename?: 'Mask';
  /** Pixels per class index. */
  classPixels: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  imageId: Scalars['ID']['output'];
  /** Presigned GET URL of the mask as an 8-bit index PNG, valid 15 minutes. */
  indexUrl: Scalars['String']['output'];
  kind: MaskKind;
  modelVersionId: Maybe<Scalars['String']['output']>;
  sha256: Scalars['String']['output'];
  source: MaskSource;
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

export type MeasurementPlots = {
  __typename?: 'MeasurementPlots';
  /** SVG, presigned GET URL valid 15 minutes. */
  sizeHistogramUrl: Maybe<Scalars['String']['output']>;
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

/** One mask measured with one profile by one code version. */
export type MeasurementSet = {
  __typename?: 'MeasurementSet';
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
  modelVersionId: Maybe<Scalars['String']['output']>;
  particles: Array<ClassParticleMeasurement>;
  pixelSize: Maybe<PixelSize>;
  plots: MeasurementPlots;
  profile: MeasurementProfileSpec;
  profileHash: Scalars['String']['output'];
  source: MaskSource;
  startedAt: Scalars['DateTime']['output'];
  status: MeasurementStatus;
  thickness: Maybe<LayerThicknessMeasurement>;
  unit: Scalars['String']['output'];
  width: Scalars['Int']['output'];
};

export type MeasurementStatus =
  | 'failed'
  | 'succeeded';

export type Member = {
  __typename?: 'Member';
  createdAt: Scalars['DateTime']['output'];
  email: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: Role;
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
  /** Soft delete: the dataset disappears from every query; the deletion is recorded. */
  deleteDataset: Deletion;
  deleteExperiment: Deletion;
  deleteImage: Deletion;
  deleteMask: Deletion;
  /** Queues every current mask of the dataset for measurement; masks already measured with this profile and code stay as they are. */
  remeasureDataset: RemeasureResult;
  removeMember: Scalars['Boolean']['output'];
  renameGroup: Group;
  revokeApiKey: ApiKey;
  /** Creates or replaces a named experiment's train/val/test split. */
  setExperiment: Experiment;
  /** Sets the dataset's profile; masks are measured with it from now on (see remeasureDataset). */
  setMeasurementProfile: MeasurementProfile;
  setMemberRole: Member;
  updateDataset: Dataset;
  updateImage: Image;
};


export type MutationAddMemberArgs = {
  input: AddMemberInput;
};


export type MutationBootstrapGroupArgs = {
  input: BootstrapGroupInput;
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


export type MutationRemeasureDatasetArgs = {
  datasetId: Scalars['ID']['input'];
};


export type MutationRemoveMemberArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationRenameGroupArgs = {
  name: Scalars['String']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
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


export type MutationUpdateDatasetArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDatasetInput;
};


export type MutationUpdateImageArgs = {
  id: Scalars['ID']['input'];
  input: UpdateImageInput;
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
  | 'dataset'
  | 'tiff'
  | 'upload';

export type PlatformHealth = {
  __typename?: 'PlatformHealth';
  services: Array<ServiceHealth>;
  status: ServiceStatus;
};

export type Query = {
  __typename?: 'Query';
  /** API keys: all of the group's for admins, the caller's own otherwise. */
  apiKeys: Array<ApiKey>;
  dataset: Dataset;
  /**
   * A dataset's measurements pooled per mask source (and model version): the objects of every mask
   * are merged into one distribution. With a dataset version, only its images and frozen masks.
   */
  datasetMeasurementSummary: DatasetMeasurementSummary;
  datasetVersion: DatasetVersion;
  /** Datasets the caller can read: its group's, shared with it, and public ones. */
  datasets: DatasetConnection;
  /** The objects (CSV, one row each) or measurement sets (JSON) of a summary, as a presigned URL. */
  exportDatasetMeasurements: MeasurementExport;
  /** The directory of groups (ids and names), to share resources with. */
  groups: GroupConnection;
  /** Every service and whether it answers. Needs no key. */
  health: PlatformHealth;
  image: Image;
  /** The image of the caller's group with this LIMS sample id. */
  imageByLimsId: Image;
  /** Every measurement of an image's masks, newest first. */
  imageMeasurements: Array<MeasurementSet>;
  /** The caller: the group and role of the API key. */
  me: Me;
  /** The measurement profile of a dataset: the stored one, or the default derived from its classes. */
  measurementProfile: MeasurementProfile;
  /** Members of the caller's group. */
  members: Array<Member>;
};


export type QueryApiKeysArgs = {
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetMeasurementSummaryArgs = {
  datasetId: Scalars['ID']['input'];
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  modelVersionId?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<MaskSource>;
};


export type QueryDatasetVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DatasetFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryExportDatasetMeasurementsArgs = {
  datasetId: Scalars['ID']['input'];
  datasetVersionId?: InputMaybe<Scalars['ID']['input']>;
  format: MeasurementExportFormat;
  modelVersionId?: InputMaybe<Scalars['String']['input']>;
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
  limsId: Scalars['String']['input'];
};


export type QueryImageMeasurementsArgs = {
  imageId: Scalars['ID']['input'];
  modelVersionId?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<MaskSource>;
};


export type QueryMeasurementProfileArgs = {
  datasetId: Scalars['ID']['input'];
};

export type RemeasureResult = {
  __typename?: 'RemeasureResult';
  datasetId: Scalars['ID']['output'];
  profileHash: Scalars['String']['output'];
  /** Masks queued now (repeats inside the queue's duplicate window are not queued twice). */
  queued: Scalars['Int']['output'];
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

export type SetExperimentInput = {
  datasetId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['JSON']['input']>;
  test?: InputMaybe<Array<Scalars['ID']['input']>>;
  train?: InputMaybe<Array<Scalars['ID']['input']>>;
  val?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type SourceMeasurementSummary = {
  __typename?: 'SourceMeasurementSummary';
  failedCount: Scalars['Int']['output'];
  /** Masks measured successfully and pooled here. */
  maskCount: Scalars['Int']['output'];
  modelVersionId: Maybe<Scalars['String']['output']>;
  particles: Array<ClassParticleSummary>;
  plots: MeasurementPlots;
  source: MaskSource;
  /** Thickness values of every layer pooled. */
  thickness: Maybe<SampleStatistics>;
  unit: Scalars['String']['output'];
};

export type SplitSubset =
  | 'test'
  | 'train'
  | 'val';

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

export type UpdateDatasetInput = {
  defaultPixelSize?: InputMaybe<PixelSizeInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  material?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  visibility?: InputMaybe<VisibilityInput>;
};

export type UpdateImageInput = {
  limsId?: InputMaybe<Scalars['String']['input']>;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  pixelSize?: InputMaybe<PixelSizeInput>;
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
  multipart: Maybe<MultipartUpload>;
  uploadId: Scalars['ID']['output'];
  /** PUT the file here (absent for multipart uploads). */
  url: Maybe<Scalars['String']['output']>;
};

export type UploadedPartInput = {
  etag: Scalars['String']['input'];
  partNumber: Scalars['Int']['input'];
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
  ApiKey: ResolverTypeWrapper<ApiKey>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BootstrapGroupInput: BootstrapGroupInput;
  BootstrapGroupPayload: ResolverTypeWrapper<BootstrapGroupPayload>;
  ClassParticleMeasurement: ResolverTypeWrapper<ClassParticleMeasurement>;
  ClassParticleSummary: ResolverTypeWrapper<ClassParticleSummary>;
  CompleteImageUploadInput: CompleteImageUploadInput;
  CompleteMaskUploadInput: CompleteMaskUploadInput;
  CompletedImageUpload: ResolverTypeWrapper<Omit<CompletedImageUpload, 'image'> & { image: ResolversTypes['Image'] }>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateDatasetInput: CreateDatasetInput;
  CreateImageUploadInput: CreateImageUploadInput;
  CreateMaskUploadInput: CreateMaskUploadInput;
  CreatedApiKey: ResolverTypeWrapper<CreatedApiKey>;
  Dataset: ResolverTypeWrapper<DatasetModel>;
  DatasetClass: ResolverTypeWrapper<DatasetClass>;
  DatasetClassInput: DatasetClassInput;
  DatasetConnection: ResolverTypeWrapper<Omit<DatasetConnection, 'nodes'> & { nodes: Array<ResolversTypes['Dataset']> }>;
  DatasetFilter: DatasetFilter;
  DatasetMeasurementSummary: ResolverTypeWrapper<DatasetMeasurementSummary>;
  DatasetVersion: ResolverTypeWrapper<DatasetVersion>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Deletion: ResolverTypeWrapper<Deletion>;
  Experiment: ResolverTypeWrapper<Experiment>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Group: ResolverTypeWrapper<Group>;
  GroupConnection: ResolverTypeWrapper<GroupConnection>;
  HealthCheck: ResolverTypeWrapper<HealthCheck>;
  Histogram: ResolverTypeWrapper<Histogram>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Image: ResolverTypeWrapper<ImageModel>;
  ImageConnection: ResolverTypeWrapper<Omit<ImageConnection, 'nodes'> & { nodes: Array<ResolversTypes['Image']> }>;
  ImageDownloadUrls: ResolverTypeWrapper<ImageDownloadUrls>;
  ImageFilter: ImageFilter;
  ImageFormat: ImageFormat;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LayerThicknessMeasurement: ResolverTypeWrapper<LayerThicknessMeasurement>;
  LengthUnit: LengthUnit;
  Mask: ResolverTypeWrapper<MaskModel>;
  MaskKind: MaskKind;
  MaskSource: MaskSource;
  Me: ResolverTypeWrapper<Principal>;
  MeasurementError: ResolverTypeWrapper<MeasurementError>;
  MeasurementExport: ResolverTypeWrapper<MeasurementExport>;
  MeasurementExportFormat: MeasurementExportFormat;
  MeasurementPlots: ResolverTypeWrapper<MeasurementPlots>;
  MeasurementProfile: ResolverTypeWrapper<MeasurementProfile>;
  MeasurementProfileInput: MeasurementProfileInput;
  MeasurementProfileSpec: ResolverTypeWrapper<MeasurementProfileSpec>;
  MeasurementSet: ResolverTypeWrapper<MeasurementSet>;
  MeasurementStatus: MeasurementStatus;
  Member: ResolverTypeWrapper<Member>;
  MultipartUpload: ResolverTypeWrapper<MultipartUpload>;
  Mutation: ResolverTypeWrapper<{}>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  ParticleAnalysisInput: ParticleAnalysisInput;
  ParticleAnalysisSettings: ResolverTypeWrapper<ParticleAnalysisSettings>;
  PixelSize: ResolverTypeWrapper<PixelSize>;
  PixelSizeInput: PixelSizeInput;
  PixelSizePolicy: PixelSizePolicy;
  PixelSizeSettings: ResolverTypeWrapper<PixelSizeSettings>;
  PixelSizeSettingsInput: PixelSizeSettingsInput;
  PixelSizeSource: PixelSizeSource;
  PlatformHealth: ResolverTypeWrapper<PlatformHealth>;
  Query: ResolverTypeWrapper<{}>;
  RemeasureResult: ResolverTypeWrapper<RemeasureResult>;
  Role: Role;
  SampleStatistics: ResolverTypeWrapper<SampleStatistics>;
  ServiceHealth: ResolverTypeWrapper<ServiceHealth>;
  ServiceStatus: ServiceStatus;
  SetExperimentInput: SetExperimentInput;
  SourceMeasurementSummary: ResolverTypeWrapper<SourceMeasurementSummary>;
  SplitSubset: SplitSubset;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ThicknessAnalysisInput: ThicknessAnalysisInput;
  ThicknessAnalysisSettings: ResolverTypeWrapper<ThicknessAnalysisSettings>;
  UpdateDatasetInput: UpdateDatasetInput;
  UpdateImageInput: UpdateImageInput;
  UploadPart: ResolverTypeWrapper<UploadPart>;
  UploadTicket: ResolverTypeWrapper<UploadTicket>;
  UploadedPartInput: UploadedPartInput;
  Visibility: ResolverTypeWrapper<Visibility>;
  VisibilityInput: VisibilityInput;
  VisibilityLevel: VisibilityLevel;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddMemberInput: AddMemberInput;
  ApiKey: ApiKey;
  Boolean: Scalars['Boolean']['output'];
  BootstrapGroupInput: BootstrapGroupInput;
  BootstrapGroupPayload: BootstrapGroupPayload;
  ClassParticleMeasurement: ClassParticleMeasurement;
  ClassParticleSummary: ClassParticleSummary;
  CompleteImageUploadInput: CompleteImageUploadInput;
  CompleteMaskUploadInput: CompleteMaskUploadInput;
  CompletedImageUpload: Omit<CompletedImageUpload, 'image'> & { image: ResolversParentTypes['Image'] };
  CreateApiKeyInput: CreateApiKeyInput;
  CreateDatasetInput: CreateDatasetInput;
  CreateImageUploadInput: CreateImageUploadInput;
  CreateMaskUploadInput: CreateMaskUploadInput;
  CreatedApiKey: CreatedApiKey;
  Dataset: DatasetModel;
  DatasetClass: DatasetClass;
  DatasetClassInput: DatasetClassInput;
  DatasetConnection: Omit<DatasetConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Dataset']> };
  DatasetFilter: DatasetFilter;
  DatasetMeasurementSummary: DatasetMeasurementSummary;
  DatasetVersion: DatasetVersion;
  DateTime: Scalars['DateTime']['output'];
  Deletion: Deletion;
  Experiment: Experiment;
  Float: Scalars['Float']['output'];
  Group: Group;
  GroupConnection: GroupConnection;
  HealthCheck: HealthCheck;
  Histogram: Histogram;
  ID: Scalars['ID']['output'];
  Image: ImageModel;
  ImageConnection: Omit<ImageConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Image']> };
  ImageDownloadUrls: ImageDownloadUrls;
  ImageFilter: ImageFilter;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  LayerThicknessMeasurement: LayerThicknessMeasurement;
  Mask: MaskModel;
  Me: Principal;
  MeasurementError: MeasurementError;
  MeasurementExport: MeasurementExport;
  MeasurementPlots: MeasurementPlots;
  MeasurementProfile: MeasurementProfile;
  MeasurementProfileInput: MeasurementProfileInput;
  MeasurementProfileSpec: MeasurementProfileSpec;
  MeasurementSet: MeasurementSet;
  Member: Member;
  MultipartUpload: MultipartUpload;
  Mutation: {};
  PageInfo: PageInfo;
  ParticleAnalysisInput: ParticleAnalysisInput;
  ParticleAnalysisSettings: ParticleAnalysisSettings;
  PixelSize: PixelSize;
  PixelSizeInput: PixelSizeInput;
  PixelSizeSettings: PixelSizeSettings;
  PixelSizeSettingsInput: PixelSizeSettingsInput;
  PlatformHealth: PlatformHealth;
  Query: {};
  RemeasureResult: RemeasureResult;
  SampleStatistics: SampleStatistics;
  ServiceHealth: ServiceHealth;
  SetExperimentInput: SetExperimentInput;
  SourceMeasurementSummary: SourceMeasurementSummary;
  String: Scalars['String']['output'];
  ThicknessAnalysisInput: ThicknessAnalysisInput;
  ThicknessAnalysisSettings: ThicknessAnalysisSettings;
  UpdateDatasetInput: UpdateDatasetInput;
  UpdateImageInput: UpdateImageInput;
  UploadPart: UploadPart;
  UploadTicket: UploadTicket;
  UploadedPartInput: UploadedPartInput;
  Visibility: Visibility;
  VisibilityInput: VisibilityInput;
};

export type ApiKeyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BootstrapGroupPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BootstrapGroupPayload'] = ResolversParentTypes['BootstrapGroupPayload']> = {
  admin?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  apiKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  group?: Resolver<ResolversTypes['Group'], ParentType, ContextType>;
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

export type CompletedImageUploadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CompletedImageUpload'] = ResolversParentTypes['CompletedImageUpload']> = {
  deduplicated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  key?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  versions?: Resolver<Array<ResolversTypes['DatasetVersion']>, ParentType, ContextType>;
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeletionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Deletion'] = ResolversParentTypes['Deletion']> = {
  deletedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
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
  downloadUrls?: Resolver<ResolversTypes['ImageDownloadUrls'], ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ImageFormat'], ParentType, ContextType>;
  hasMask?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  limsId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lossy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  masks?: Resolver<Array<ResolversTypes['Mask']>, ParentType, ContextType>;
  measurements?: Resolver<Array<ResolversTypes['MeasurementSet']>, ParentType, ContextType, Partial<ImageMeasurementsArgs>>;
  metadata?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pixelSize?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  pixelSizeSource?: Resolver<Maybe<ResolversTypes['PixelSizeSource']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
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

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

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

export type MaskResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mask'] = ResolversParentTypes['Mask']> = {
  classPixels?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indexUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MaskKind'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Me'] = ResolversParentTypes['Me']> = {
  group?: Resolver<ResolversTypes['Group'], ParentType, ContextType>;
  groupId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  groupName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
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

export type MeasurementPlotsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementPlots'] = ResolversParentTypes['MeasurementPlots']> = {
  sizeHistogramUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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

export type MeasurementSetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MeasurementSet'] = ResolversParentTypes['MeasurementSet']> = {
  codeVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  completedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['MeasurementError']>, ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  particles?: Resolver<Array<ResolversTypes['ClassParticleMeasurement']>, ParentType, ContextType>;
  pixelSize?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  plots?: Resolver<ResolversTypes['MeasurementPlots'], ParentType, ContextType>;
  profile?: Resolver<ResolversTypes['MeasurementProfileSpec'], ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MeasurementStatus'], ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['LayerThicknessMeasurement']>, ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
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

export type MultipartUploadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MultipartUpload'] = ResolversParentTypes['MultipartUpload']> = {
  partSizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  parts?: Resolver<Array<ResolversTypes['UploadPart']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addMember?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationAddMemberArgs, 'input'>>;
  bootstrapGroup?: Resolver<ResolversTypes['BootstrapGroupPayload'], ParentType, ContextType, RequireFields<MutationBootstrapGroupArgs, 'input'>>;
  completeImageUpload?: Resolver<ResolversTypes['CompletedImageUpload'], ParentType, ContextType, RequireFields<MutationCompleteImageUploadArgs, 'input'>>;
  completeMaskUpload?: Resolver<ResolversTypes['Mask'], ParentType, ContextType, RequireFields<MutationCompleteMaskUploadArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationCreateDatasetArgs, 'input'>>;
  createDatasetVersion?: Resolver<ResolversTypes['DatasetVersion'], ParentType, ContextType, RequireFields<MutationCreateDatasetVersionArgs, 'datasetId'>>;
  createImageUpload?: Resolver<ResolversTypes['UploadTicket'], ParentType, ContextType, RequireFields<MutationCreateImageUploadArgs, 'input'>>;
  createMaskUpload?: Resolver<ResolversTypes['UploadTicket'], ParentType, ContextType, RequireFields<MutationCreateMaskUploadArgs, 'input'>>;
  deleteDataset?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteDatasetArgs, 'id'>>;
  deleteExperiment?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteExperimentArgs, 'datasetId' | 'name'>>;
  deleteImage?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteImageArgs, 'id'>>;
  deleteMask?: Resolver<ResolversTypes['Deletion'], ParentType, ContextType, RequireFields<MutationDeleteMaskArgs, 'id'>>;
  remeasureDataset?: Resolver<ResolversTypes['RemeasureResult'], ParentType, ContextType, RequireFields<MutationRemeasureDatasetArgs, 'datasetId'>>;
  removeMember?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'memberId'>>;
  renameGroup?: Resolver<ResolversTypes['Group'], ParentType, ContextType, RequireFields<MutationRenameGroupArgs, 'name'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  setExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationSetExperimentArgs, 'input'>>;
  setMeasurementProfile?: Resolver<ResolversTypes['MeasurementProfile'], ParentType, ContextType, RequireFields<MutationSetMeasurementProfileArgs, 'datasetId' | 'input'>>;
  setMemberRole?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationSetMemberRoleArgs, 'memberId' | 'role'>>;
  updateDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationUpdateDatasetArgs, 'id' | 'input'>>;
  updateImage?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<MutationUpdateImageArgs, 'id' | 'input'>>;
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

export type PixelSizeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PixelSize'] = ResolversParentTypes['PixelSize']> = {
  unit?: Resolver<ResolversTypes['LengthUnit'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PixelSizeSettingsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PixelSizeSettings'] = ResolversParentTypes['PixelSizeSettings']> = {
  fixed?: Resolver<Maybe<ResolversTypes['PixelSize']>, ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['PixelSizePolicy'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PlatformHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PlatformHealth'] = ResolversParentTypes['PlatformHealth']> = {
  services?: Resolver<Array<ResolversTypes['ServiceHealth']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ServiceStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType, RequireFields<QueryApiKeysArgs, 'includeRevoked'>>;
  dataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<QueryDatasetArgs, 'id'>>;
  datasetMeasurementSummary?: Resolver<ResolversTypes['DatasetMeasurementSummary'], ParentType, ContextType, RequireFields<QueryDatasetMeasurementSummaryArgs, 'datasetId'>>;
  datasetVersion?: Resolver<ResolversTypes['DatasetVersion'], ParentType, ContextType, RequireFields<QueryDatasetVersionArgs, 'id'>>;
  datasets?: Resolver<ResolversTypes['DatasetConnection'], ParentType, ContextType, RequireFields<QueryDatasetsArgs, 'first'>>;
  exportDatasetMeasurements?: Resolver<ResolversTypes['MeasurementExport'], ParentType, ContextType, RequireFields<QueryExportDatasetMeasurementsArgs, 'datasetId' | 'format'>>;
  groups?: Resolver<ResolversTypes['GroupConnection'], ParentType, ContextType, RequireFields<QueryGroupsArgs, 'first'>>;
  health?: Resolver<ResolversTypes['PlatformHealth'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<QueryImageArgs, 'id'>>;
  imageByLimsId?: Resolver<ResolversTypes['Image'], ParentType, ContextType, RequireFields<QueryImageByLimsIdArgs, 'limsId'>>;
  imageMeasurements?: Resolver<Array<ResolversTypes['MeasurementSet']>, ParentType, ContextType, RequireFields<QueryImageMeasurementsArgs, 'imageId'>>;
  me?: Resolver<ResolversTypes['Me'], ParentType, ContextType>;
  measurementProfile?: Resolver<ResolversTypes['MeasurementProfile'], ParentType, ContextType, RequireFields<QueryMeasurementProfileArgs, 'datasetId'>>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
};

export type RemeasureResultResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemeasureResult'] = ResolversParentTypes['RemeasureResult']> = {
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  profileHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

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

export type ServiceHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ServiceHealth'] = ResolversParentTypes['ServiceHealth']> = {
  checks?: Resolver<Array<ResolversTypes['HealthCheck']>, ParentType, ContextType>;
  instance?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ServiceStatus'], ParentType, ContextType>;
  uptimeSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SourceMeasurementSummaryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SourceMeasurementSummary'] = ResolversParentTypes['SourceMeasurementSummary']> = {
  failedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maskCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelVersionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  particles?: Resolver<Array<ResolversTypes['ClassParticleSummary']>, ParentType, ContextType>;
  plots?: Resolver<ResolversTypes['MeasurementPlots'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['MaskSource'], ParentType, ContextType>;
  thickness?: Resolver<Maybe<ResolversTypes['SampleStatistics']>, ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ThicknessAnalysisSettingsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ThicknessAnalysisSettings'] = ResolversParentTypes['ThicknessAnalysisSettings']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  minArea?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  radius?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
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
  multipart?: Resolver<Maybe<ResolversTypes['MultipartUpload']>, ParentType, ContextType>;
  uploadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VisibilityResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Visibility'] = ResolversParentTypes['Visibility']> = {
  level?: Resolver<ResolversTypes['VisibilityLevel'], ParentType, ContextType>;
  sharedWith?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  BootstrapGroupPayload?: BootstrapGroupPayloadResolvers<ContextType>;
  ClassParticleMeasurement?: ClassParticleMeasurementResolvers<ContextType>;
  ClassParticleSummary?: ClassParticleSummaryResolvers<ContextType>;
  CompletedImageUpload?: CompletedImageUploadResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DatasetClass?: DatasetClassResolvers<ContextType>;
  DatasetConnection?: DatasetConnectionResolvers<ContextType>;
  DatasetMeasurementSummary?: DatasetMeasurementSummaryResolvers<ContextType>;
  DatasetVersion?: DatasetVersionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Deletion?: DeletionResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  Group?: GroupResolvers<ContextType>;
  GroupConnection?: GroupConnectionResolvers<ContextType>;
  HealthCheck?: HealthCheckResolvers<ContextType>;
  Histogram?: HistogramResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  ImageConnection?: ImageConnectionResolvers<ContextType>;
  ImageDownloadUrls?: ImageDownloadUrlsResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LayerThicknessMeasurement?: LayerThicknessMeasurementResolvers<ContextType>;
  Mask?: MaskResolvers<ContextType>;
  Me?: MeResolvers<ContextType>;
  MeasurementError?: MeasurementErrorResolvers<ContextType>;
  MeasurementExport?: MeasurementExportResolvers<ContextType>;
  MeasurementPlots?: MeasurementPlotsResolvers<ContextType>;
  MeasurementProfile?: MeasurementProfileResolvers<ContextType>;
  MeasurementProfileSpec?: MeasurementProfileSpecResolvers<ContextType>;
  MeasurementSet?: MeasurementSetResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MultipartUpload?: MultipartUploadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  ParticleAnalysisSettings?: ParticleAnalysisSettingsResolvers<ContextType>;
  PixelSize?: PixelSizeResolvers<ContextType>;
  PixelSizeSettings?: PixelSizeSettingsResolvers<ContextType>;
  PlatformHealth?: PlatformHealthResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RemeasureResult?: RemeasureResultResolvers<ContextType>;
  SampleStatistics?: SampleStatisticsResolvers<ContextType>;
  ServiceHealth?: ServiceHealthResolvers<ContextType>;
  SourceMeasurementSummary?: SourceMeasurementSummaryResolvers<ContextType>;
  ThicknessAnalysisSettings?: ThicknessAnalysisSettingsResolvers<ContextType>;
  UploadPart?: UploadPartResolvers<ContextType>;
  UploadTicket?: UploadTicketResolvers<ContextType>;
  Visibility?: VisibilityResolvers<ContextType>;
};

