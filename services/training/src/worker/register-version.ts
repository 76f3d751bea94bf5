import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type IntervalCalibration, type ModelVersion, type OodCalibrationFile, type VersionMetrics, type WorkerKind, trainingEvents } from '@microseg/contracts';
import { type Kysely, isUniqueViolation } from '@microseg/db';
import { enqueueOutbox } from '@microseg/messaging';
import { saveArtifact } from '@microseg/model-artifact';
import { IMAGENET_NORMALISATION } from '@microseg/tf-runtime';
import type { LoopState } from '@microseg/training-recipe';
import type { Client } from 'minio';
import type { JobRepository, JobRow } from '../job.repository.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import type { TrainingDatabase } from '../training.tables.ts';
import type { SplitScores } from './evaluation.ts';
import { storeOodCalibration } from './ood-calibration.ts';

export interface VersionRegistration {
  db: Kysely<TrainingDatabase>;
  client: Client;
  bucket: string;
  jobs: JobRepository;
  registry: RegistryRepository;
}

function metricsOf(row: JobRow, val: SplitScores, test: SplitScores | null): VersionMetrics {
  // A binary model's one channel is the foreground class.
  const classes = row.binary ? row.classes.slice(1) : row.classes;
  const split = (scores: SplitScores) => ({
    iou: scores.iou,
    meanClassIou: scores.meanClassIou,
    images: scores.images,
    perClass: scores.perClass.map((iou, i) => ({ index: classes[i]?.index ?? i, name: classes[i]?.name ?? String(i), iou })),
  });
  return { val: split(val), test: test ? split(test) : null };
}

/**
 * Stores the best epoch's network as a model artifact and records it as the next version of the
 * job's model, together with the job's success and the `version.registered` event (one
 * transaction). A completion replayed after a crash finds its version already there.
 */
export async function registerVersion(
  deps: VersionRegistration,
  run: {
    row: JobRow; model: LayersModel; state: LoopState; bestEpoch: number; val: SplitScores; test: SplitScores | null; workerKind: WorkerKind; codeVersion: string;
    oodCalibration?: OodCalibrationFile;
    intervalCalibration?: IntervalCalibration | null;
  },
): Promise<ModelVersion> {
  const { row } = run;
  const metrics = metricsOf(row, run.val, run.test);
  const prefix = `models/${row.group_id}/${row.id}`;
  await saveArtifact(
    run.model,
    {
      name: row.model_name,
      architecture: row.architecture,
      encoder: row.encoder,
      classes: row.classes,
      input: {
        channels: 3,
        grayscale: 'replicate',
        bitDepths: [8, 16],
        sixteenBit: row.sixteen_bit_input,
        normalisation: { mean: [...IMAGENET_NORMALISATION.mean], std: [...IMAGENET_NORMALISATION.std] },
      },
      classRule: row.class_rule,
      tile: { size: 512, stride: 256 },
      trainingPixelSize: null,
      sourceWeights: [],
      metrics: {
        valIou: metrics.val.iou,
        ...(metrics.test ? { testIou: metrics.test.iou, testMeanClassIou: metrics.test.meanClassIou ?? metrics.test.iou } : {}),
      },
      licence: 'owned by the training group; see the model card',
      codeVersion: run.codeVersion,
    },
    { client: deps.client, bucket: deps.bucket, prefix },
    { overwrite: true },
  );
  const oodCalibration = run.oodCalibration ? await storeOodCalibration(deps.client, deps.bucket, prefix, run.oodCalibration) : null;
  const config = {
    architecture: row.architecture,
    encoder: row.encoder,
    classes: row.classes,
    binary: row.binary,
    recipe: row.recipe,
    init: row.init,
    dataset: { datasetId: row.dataset_id, versionId: row.dataset_version_id, contentHash: row.dataset_hash, experiment: row.experiment },
    images: { train: row.data.train.length, val: row.data.val.length, test: row.data.test.length },
    normalisation: IMAGENET_NORMALISATION,
    bestEpoch: run.bestEpoch,
    epochs: run.state.epoch,
    steps: run.state.step,
  };
  try {
    const versionId = await deps.db.transaction().execute(async (trx) => {
      const model = await deps.registry.ensureModel(trx, { groupId: row.group_id, name: row.model_name, classes: row.classes, material: row.material });
      const version = await deps.registry.insertVersion(trx, {
        modelId: model.id,
        groupId: row.group_id,
        architecture: row.architecture,
        encoder: row.encoder,
        classes: row.classes,
        binary: row.binary,
        material: row.material,
        classRule: row.class_rule,
        sixteenBitInput: row.sixteen_bit_input,
        metrics,
        config,
        dataset: config.dataset,
        parent: row.init,
        codeVersion: run.codeVersion,
        seed: row.recipe.seed,
        durationSeconds: run.state.elapsedSeconds,
        workerKind: run.workerKind,
        artifact: { bucket: deps.bucket, prefix },
        jobId: row.id,
        oodCalibration,
        intervalCalibration: run.intervalCalibration ?? null,
      });
      await deps.jobs.finish(row.id, 'succeeded', { modelVersionId: version.id }, trx);
      await enqueueOutbox(trx, trainingEvents.versionRegistered, { versionId: version.id, modelId: model.id, groupId: row.group_id, jobId: row.id, at: new Date().toISOString() });
      return version.id;
    });
    return (await deps.registry.toVersions([(await deps.registry.findVersionRow(versionId))!]))[0]!;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await deps.db.selectFrom('model_versions').selectAll().where('job_id', '=', row.id).executeTakeFirstOrThrow();
    return (await deps.registry.toVersions([existing]))[0]!;
  }
}
