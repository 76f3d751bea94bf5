export interface PolicyLike {
  id: string;
  groupId: string;
  datasetId: string;
  paused: boolean;
}

/**
 * The policies a new image of a dataset triggers: active ones of that dataset, owned by the
 * image's group (a policy never reaches into another group's data).
 */
export function policiesForImage<P extends PolicyLike>(policies: readonly P[], image: { datasetId: string; groupId: string }): P[] {
  return policies.filter((p) => !p.paused && p.datasetId === image.datasetId && p.groupId === image.groupId);
}

/** The message id of a segmentation job: one job per (image, model version) inside the duplicate window. */
export function segmentJobId(imageId: string, modelVersionId: string): string {
  return `segment:${imageId}:${modelVersionId}`;
}
