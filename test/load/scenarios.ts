/**
 * The load scenarios, shared by the k6 scripts (k6/*.ts, run against a cluster) and `pnpm bench:load`
 * (autocannon against the local platform). Plain data without imports, so k6 can load it too.
 *
 * Each scenario names the GraphQL fields it needs (`requires`). Datasets, models, uploads and
 * results are being added to schema.graphql by their issues; until a field is there, the scenario
 * is skipped with a message naming it. The operations follow those issues' names (createImageUpload,
 * completeImageUpload, datasets, models, startTraining, results by LIMS id); adjust them here when
 * the schema lands, and both runners follow.
 */
export interface LoadScenario {
  name: string;
  description: string;
  /** `Query.field` / `Mutation.field` the scenario calls. */
  requires: string[];
  /** The operation sent repeatedly (the upload scenario adds a PUT of the bytes between its two). */
  query: string;
}

export const BASELINE: LoadScenario = {
  name: 'me (baseline)',
  description: 'an authenticated query through gateway -> identity: the platform floor every scenario stands on',
  requires: ['Query.me'],
  query: '{ me { groupId groupName role } }',
};

export const LIMS_POLLING: LoadScenario = {
  name: 'LIMS polls results by sample id',
  description: 'a LIMS asks every few seconds for the segmentation and measurements of its samples',
  requires: ['Query.imageByLimsId', 'Image.segmentations', 'Image.measurements'],
  query: `query Results($limsId: ID!) {
  imageByLimsId(limsId: $limsId) {
    id limsId
    segmentations { nodes { modelVersionId status maskUrl } }
    measurements { nodes { modelVersionId source status } }
  }
}`,
};

export const BROWSE_DATASETS_AND_MODELS: LoadScenario = {
  name: 'browse datasets and models',
  description: 'a user lists datasets and the model registry, a page at a time',
  requires: ['Query.datasets', 'Query.models'],
  query: `query Browse($first: Int!) {
  datasets(first: $first) { nodes { id name } pageInfo { endCursor hasNextPage } }
  models(first: $first) { nodes { id name } pageInfo { endCursor hasNextPage } }
}`,
};

export const UPLOAD_WITH_MEASUREMENT: LoadScenario = {
  name: 'upload with automatic measurement',
  description: 'presigned upload of a micrograph, completion, then the pipeline segments and measures it',
  requires: ['Mutation.createImageUpload', 'Mutation.completeImageUpload'],
  query: `mutation CreateUpload($input: CreateImageUploadInput!) {
  createImageUpload(input: $input) { uploadId url existingImageId }
}`,
};

export const COMPLETE_UPLOAD = `mutation CompleteUpload($input: CompleteImageUploadInput!) {
  completeImageUpload(input: $input) { image { id } deduplicated }
}`;

/** A dataset for the uploads: one foreground class over background. */
export const CREATE_DATASET = `mutation CreateDataset($input: CreateDatasetInput!) {
  createDataset(input: $input) { id }
}`;

export const TRAINING_SUBMISSIONS: LoadScenario = {
  name: 'concurrent training submissions',
  description: 'many groups queue training jobs at once (submission only: the jobs wait for GPU workers)',
  requires: ['Mutation.startTraining'],
  query: `mutation StartTraining($input: StartTrainingInput!) {
  startTraining(input: $input) { id state }
}`,
};

/** A training split over the uploaded images, for the submissions scenario. */
export const SET_EXPERIMENT = `mutation SetExperiment($input: SetExperimentInput!) {
  setExperiment(input: $input) { name }
}`;

/** Ground-truth masks for the training split. */
export const CREATE_MASK_UPLOAD = `mutation CreateMaskUpload($input: CreateMaskUploadInput!) {
  createMaskUpload(input: $input) { uploadId url }
}`;
export const COMPLETE_MASK_UPLOAD = `mutation CompleteMaskUpload($input: CompleteMaskUploadInput!) {
  completeMaskUpload(input: $input) { id }
}`;

/** Training runs on a frozen snapshot of the dataset. */
export const CREATE_DATASET_VERSION = `mutation CreateVersion($datasetId: ID!) {
  createDatasetVersion(datasetId: $datasetId) { id }
}`;

/** In run order: uploads first, so that LIMS polling and training have images to ask about. */
export const SCENARIOS = [BASELINE, BROWSE_DATASETS_AND_MODELS, UPLOAD_WITH_MEASUREMENT, LIMS_POLLING, TRAINING_SUBMISSIONS];

/** The message printed for a scenario whose operations the API does not have yet. */
export function skipMessage(scenario: LoadScenario, missing: string[]): string {
  return `skipped "${scenario.name}": ${missing.join(', ')} not in schema.graphql yet`;
}
