import { type DatasetVersionContent, type InitialWeights, type Principal, type TrainingJob, requireRole, trainingContracts, trainingJobs } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import { invalidInput, notFound } from '@microseg/errors';
import { type RequestOf, enqueueOutbox } from '@microseg/messaging';
import { getEncoder, listArchitectures, normaliseArchitecture } from '@microseg/segmentation';
import { estimateRemainingSeconds, resolveRecipe } from '@microseg/training-recipe';
import type { DatasetReader } from './dataset-reader.ts';
import { type JobRepository, toTrainingJob } from './job.repository.ts';
import type { Registry } from './registry.ts';
import type { ClassRow, DataItem, JobData, TrainingDatabase } from './training.tables.ts';
import type { WeightsRepository } from './weights.repository.ts';

export type StartTrainingInput = RequestOf<typeof trainingContracts.startTraining>;

const DILATED = new Set(['pan', 'deeplabv3plus']);

/**
 * The batch a job runs: the recipe's (the paper's 20 unless asked otherwise), never more than the
 * training split holds, and no more crops than a worker's memory takes at once. Left at the paper's
 * default it shrinks to fit (the job's recipe records the batch it ran); asked for explicitly, a batch
 * that cannot fit is refused rather than quietly changed.
 */
export function fittingBatch(recipe: { batchSize: number; crop: number }, explicit: boolean, trainItems: number, maxBatchPixels: number): number {
  const wanted = Math.max(1, Math.min(recipe.batchSize, trainItems));
  const fits = Math.max(1, Math.floor(maxBatchPixels / (recipe.crop * recipe.crop)));
  if (wanted <= fits) return wanted;
  if (explicit) {
    throw invalidInput(`a batch of ${wanted} crops of ${recipe.crop}x${recipe.crop} does not fit a training worker (at most ${fits}); ask for a smaller batch or crop`, {
      batchSize: recipe.batchSize,
      crop: recipe.crop,
      trainItems,
      maxBatch: fits,
      maxBatchPixels,
    });
  }
  return fits;
}

/** Checks a training request against the dataset, the engine and the registry, then queues it. */
export class JobSubmission {
  constructor(
    private readonly deps: {
      db: Kysely<TrainingDatabase>;
      jobs: JobRepository;
      registry: Registry;
      weights: WeightsRepository;
      /** What it reads of the dataset service: the dataset and a frozen version's content. */
      datasets: Pick<DatasetReader, 'dataset' | 'content'>;
      /** TRAINING_MAX_BATCH_PIXELS: what one step of a training worker holds. */
      maxBatchPixels: number;
    },
  ) {}

  async start(principal: Principal, input: StartTrainingInput, benchmarkId: string | null = null): Promise<TrainingJob> {
    requireRole(principal, 'member');
    const architecture = normaliseArchitecture(input.architecture);
    if (!architecture) {
      throw invalidInput(`unknown architecture '${input.architecture}'`, { architecture: input.architecture, known: listArchitectures() });
    }
    const encoder = getEncoder(input.encoder);
    if (DILATED.has(architecture) && !encoder.supportsDilation) {
      throw invalidInput(`encoder ${encoder.name} cannot run ${architecture} (it needs a dilated encoder)`, { architecture, encoder: encoder.name });
    }
    const requested = resolveRecipe(input.recipe);
    const dataset = await this.deps.datasets.dataset(principal, input.datasetId);
    const content = await this.deps.datasets.content(principal, input.datasetId, input.datasetVersionId);
    const classes = checkClasses(content.classes, input.classes, input.binary);
    const data = splitData(content, input.experiment);
    const recipe = { ...requested, batchSize: fittingBatch(requested, input.recipe?.batchSize !== undefined, data.train.length, this.deps.maxBatchPixels) };
    const init = await this.resolveInit(principal, input.init, encoder.name);
    const modelName = input.modelName ?? `${architecture}-${encoder.name}-${input.experiment}`;
    const progress = { epoch: 0, step: 0, loss: null, valIou: null, bestValIou: null, learningRate: recipe.learningRate, maxEpochs: recipe.maxEpochs, etaSeconds: estimateRemainingSeconds({ epoch: 0, elapsedSeconds: 0 }, recipe.maxEpochs) };
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const inserted = await this.deps.jobs.insert(trx, {
        group_id: principal.groupId,
        created_by: principal.memberId,
        principal: JSON.stringify(principal),
        state: 'queued',
        dataset_id: input.datasetId,
        dataset_version_id: content.version.id,
        dataset_hash: content.version.contentHash,
        experiment: input.experiment,
        material: dataset.material,
        architecture,
        encoder: encoder.name,
        classes: JSON.stringify(classes),
        binary: input.binary,
        init: JSON.stringify(init),
        recipe: JSON.stringify(recipe),
        class_rule: input.classRule,
        sixteen_bit_input: input.sixteenBitInput,
        model_name: modelName,
        data: JSON.stringify(data),
        progress: JSON.stringify(progress),
        checkpoint_epoch: null,
        error: JSON.stringify(null),
        worker_kind: null,
        worker_id: null,
        model_version_id: null,
        benchmark_id: benchmarkId,
        started_at: null,
        finished_at: null,
      });
      await enqueueOutbox(trx, trainingJobs.run, { jobId: inserted.id });
      return inserted;
    });
    const view = await this.deps.jobs.findView(row.id);
    return view?.job ?? toTrainingJob(row, null);
  }

  /** `random`, a registry version the caller can read, or imported weights the caller can read. */
  private async resolveInit(principal: Principal, init: string, encoder: string): Promise<InitialWeights> {
    if (init === 'random') return { kind: 'random', id: null, name: 'random' };
    const version = await this.deps.registry.getVersion(principal, init).catch(() => undefined);
    if (version) {
      if (version.encoder !== encoder) {
        throw invalidInput(`initial weights ${version.modelName} v${version.number} are for encoder ${version.encoder}, not ${encoder}`, {
          reason: 'incompatible-initial-weights', expectedEncoder: encoder, weightsEncoder: version.encoder, initialWeights: init,
        });
      }
      return { kind: 'version', id: version.id, name: `${version.modelName} v${version.number}` };
    }
    const weights = await this.deps.weights.findReadable(principal.groupId, init).catch(() => undefined);
    if (!weights) throw notFound('initial weights (model version or imported weights)', init);
    if (weights.encoder !== encoder) {
      throw invalidInput(`imported weights ${weights.fileName} are for encoder ${weights.encoder}, not ${encoder}`, {
        reason: 'incompatible-initial-weights', expectedEncoder: encoder, weightsEncoder: weights.encoder, initialWeights: init,
      });
    }
    return { kind: 'weights', id: weights.id, name: weights.name };
  }
}

/** The model predicts the dataset's classes: all of them in order, or background vs the rest (binary). */
function checkClasses(datasetClasses: ClassRow[], requested: string[] | undefined, binary: boolean): ClassRow[] {
  const names = datasetClasses.map((c) => c.name);
  if (requested && (requested.length !== names.length || requested.some((name, i) => name !== names[i]))) {
    throw invalidInput('the classes do not match the dataset: give all of its classes, in index order', {
      reason: 'classes-mismatch', datasetClasses: names, requested, unknown: requested.filter((n) => !names.includes(n)),
    });
  }
  if (datasetClasses.some((c, i) => c.index !== i)) {
    throw invalidInput('the dataset classes must be numbered 0, 1, 2... to train on them', { reason: 'classes-mismatch', datasetClasses });
  }
  if (binary) {
    const background = datasetClasses[0] ?? { index: 0, name: 'background', color: '#000000' };
    const foreground = datasetClasses[1] ?? { index: 1, name: 'foreground', color: '#ffffff' };
    return [background, { ...foreground, name: datasetClasses.slice(1).map((c) => c.name).join('+') || foreground.name }];
  }
  if (datasetClasses.length < 2) throw invalidInput('a dataset with fewer than two classes has nothing to segment', { reason: 'classes-mismatch', datasetClasses: names });
  return datasetClasses;
}

/** The experiment's train/val/test images with their masks, frozen into the job. */
function splitData(content: DatasetVersionContent, experimentName: string): JobData {
  const experiment = content.experiments.find((e) => e.name === experimentName);
  if (!experiment) {
    throw invalidInput(`dataset version ${content.version.number} has no split '${experimentName}'`, {
      reason: 'unknown-split', experiment: experimentName, known: content.experiments.map((e) => e.name),
    });
  }
  if (experiment.train.length === 0) throw invalidInput(`split '${experimentName}' has no training images`, { reason: 'empty-split', experiment: experimentName });
  if (experiment.val.length === 0) {
    throw invalidInput(`split '${experimentName}' has no validation images: the recipe selects the best epoch on them`, { reason: 'no-validation', experiment: experimentName });
  }
  const byId = new Map(content.images.map((image) => [image.imageId, image]));
  const unmasked: string[] = [];
  const items = (ids: string[]): DataItem[] =>
    ids.flatMap((imageId) => {
      const image = byId.get(imageId);
      if (!image?.mask) {
        unmasked.push(image?.name ?? imageId);
        return [];
      }
      return [{ imageId, name: image.name, image: image.normalised, mask: image.mask }];
    });
  const data = { train: items(experiment.train), val: items(experiment.val), test: items(experiment.test) };
  if (unmasked.length > 0) {
    throw invalidInput(`split '${experimentName}' has images without a ground-truth mask`, { reason: 'missing-masks', images: unmasked });
  }
  return data;
}
