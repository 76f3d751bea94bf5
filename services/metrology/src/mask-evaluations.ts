import { createHash } from 'node:crypto';
import type { Mask, MaskEvaluation, Principal } from '@microseg/contracts';
import { compareMaskPngs } from '@microseg/metrology';
import { MAX_PRESIGN_EXPIRY_SECONDS } from '@microseg/storage';
import pLimit from 'p-limit';
import type { DatasetDirectory } from './dataset-directory.ts';
import type { MeasurementFiles } from './measurement-files.ts';

/** Evaluations computed at once: a first one decodes two masks and renders a PNG. */
const PARALLEL_EVALUATIONS = 4;

type EvaluationNumbers = Pick<MaskEvaluation, 'classes' | 'meanIoU'>;

/**
 * Model masks scored against the manual mask of the same image, computed when first asked for and
 * kept in S3 under a key made of both masks' sha256, the classes and the code version. Asked for,
 * not computed on every measurement: most images have no manual mask, the two masks arrive in
 * either order, and a content-addressed result never goes stale (a new mask is a new key).
 */
export class MaskEvaluations {
  constructor(
    private readonly deps: {
      directory: DatasetDirectory;
      files: MeasurementFiles;
      codeVersion: string;
    },
  ) {}

  async ofImages(principal: Principal, imageIds: string[], modelVersionId?: string): Promise<MaskEvaluation[]> {
    const { directory } = this.deps;
    const images = await directory.readableImages(principal, imageIds);
    if (images.length === 0) return [];
    // The dataset service's masks, not this service's mirror of them: a model mask is evaluable as
    // soon as the segmentation reports it, before its measurement job has run here.
    const masks = await directory.masksOfImages(principal, images.map((image) => image.id));
    const datasets = new Map<string, Promise<number[]>>();
    const foregroundOf = (datasetId: string) => {
      let classes = datasets.get(datasetId);
      if (!classes) {
        classes = directory.readableDataset(principal, datasetId).then((dataset) => dataset.classes.map((c) => c.index).filter((value) => value !== 0).sort((a, b) => a - b));
        datasets.set(datasetId, classes);
      }
      return classes;
    };
    const pairs = images.flatMap((image) => {
      const current = newestPerSlot(masks.filter((mask) => mask.imageId === image.id));
      const truth = current.find((mask) => mask.source === 'ground_truth');
      if (!truth) return [];
      return current
        .filter((mask) => mask.source === 'model' && (!modelVersionId || mask.modelVersionId === modelVersionId))
        .map((model) => ({ model, truth, datasetId: image.datasetId }));
    });
    const slot = pLimit(PARALLEL_EVALUATIONS);
    return Promise.all(pairs.map(({ model, truth, datasetId }) => slot(async () => this.evaluate(model, truth, await foregroundOf(datasetId)))));
  }

  private async evaluate(model: Mask, truth: Mask, classes: number[]): Promise<MaskEvaluation> {
    const key = this.keyOf(model, truth, classes);
    let numbers = (await this.deps.files.readEvaluation(key)) as EvaluationNumbers | undefined;
    if (!numbers) {
      const [predictedPng, truthPng] = await Promise.all([
        this.deps.files.readMask(refOf(model)),
        this.deps.files.readMask(refOf(truth)),
      ]);
      const { evaluation, accuracyMapPng } = await compareMaskPngs(predictedPng, truthPng, { classes });
      numbers = {
        classes: evaluation.classes.map((c) => ({ class: c.class, iou: c.iou, precision: c.precision, recall: c.recall })),
        meanIoU: evaluation.meanIoU,
      };
      await this.deps.files.putEvaluation(key, accuracyMapPng, numbers);
    }
    return {
      imageId: model.imageId,
      modelMaskId: model.id,
      modelVersionId: model.modelVersionId,
      truthMaskId: truth.id,
      ...numbers,
      accuracyMapUrl: await this.deps.files.url(`${key}.png`),
      expiresAt: new Date(Date.now() + MAX_PRESIGN_EXPIRY_SECONDS * 1000).toISOString(),
    };
  }

  private keyOf(model: Mask, truth: Mask, classes: number[]): string {
    const version = createHash('sha256').update(`${classes.join(',')}|${this.deps.codeVersion}`).digest('hex').slice(0, 16);
    return `evaluations/${truth.index.sha256}/${model.index.sha256}/${version}`;
  }
}

const refOf = (mask: Mask) => mask.index;

/** One mask per source and model version: the newest (older ones are superseded). */
function newestPerSlot(masks: Mask[]): Mask[] {
  const newest = new Map<string, Mask>();
  for (const mask of masks) {
    const slot = `${mask.source}:${mask.modelVersionId ?? ''}`;
    const seen = newest.get(slot);
    if (!seen || seen.createdAt < mask.createdAt) newest.set(slot, mask);
  }
  return [...newest.values()];
}
