import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type TrainingProgress, type WorkerKind, trainingEvents } from '@microseg/contracts';
import { MicroSegError, toMicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type JobContext, publishEvent } from '@microseg/messaging';
import { type TrainingEngineSetting, chooseTrainingEngine, createEngineTrainer, withEngineForward } from '@microseg/onnx-training';
import { PAPER_AUGMENTATION, augmentSample, samplesToTensors } from '@microseg/tf-runtime';
import { type EpochReport, type LoopState, estimateRemainingSeconds, initialLoopState, runTrainingLoop } from '@microseg/training-recipe';
import type { JetStreamClient } from 'nats';
import type { Client } from 'minio';
import type { JobRepository, JobRow } from '../job.repository.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import type { WeightsRepository } from '../weights.repository.ts';
import { runRecipe } from '../training.tables.ts';
import { CheckpointStore } from './checkpoint-store.ts';
import { evaluateSplit } from './evaluation.ts';
import { applyInitialWeights } from './initial-weights.ts';
import { calibrateMeasurementIntervals } from './interval-calibration.ts';
import { calibrateOutOfDistribution } from './ood-calibration.ts';
import { type VersionRegistration, registerVersion } from './register-version.ts';
import { buildSeededModel } from './seeded-model.ts';
import { type LoadedData, type LoadedItem, loadJobData } from './training-data.ts';

export interface JobRunnerDeps {
  jobs: JobRepository;
  registry: RegistryRepository;
  weights: WeightsRepository;
  client: Client;
  bucket: string;
  js: JetStreamClient;
  logger: Logger;
  worker: { id: string; kind: WorkerKind };
  codeVersion: string;
  registration: Omit<VersionRegistration, 'checkpoints'>;
  /** TRAINING_ENGINE; default `auto`. */
  engine?: TrainingEngineSetting;
}

/** How often a running job looks for a cancel request. */
const CANCEL_POLL_MS = 2_000;

/**
 * Runs one training job from the queue: resumes from its last checkpoint when it has one,
 * trains with the paper's loop, checkpoints every epoch, and registers the best epoch as a model
 * version. Failures no retry can fix end the job (failed, with the reason); others are thrown
 * so the queue hands the job to a worker again.
 */
export class JobRunner {
  private readonly checkpoints: CheckpointStore;

  constructor(private readonly deps: JobRunnerDeps) {
    this.checkpoints = new CheckpointStore(deps.client, deps.bucket);
  }

  async run(jobId: string, context: JobContext): Promise<void> {
    const row = await this.deps.jobs.claim(jobId, this.deps.worker);
    if (!row) {
      this.deps.logger.info({ jobId }, 'job is finished or cancelled: delivery dropped');
      return;
    }
    const logger = this.deps.logger.child({ jobId, attempt: row.attempts });
    logger.info({ resumeFrom: row.checkpoint_epoch }, 'training job taken');
    await this.publish(row, 'running', row.progress);
    const cancel = { requested: false };
    const poll = setInterval(() => {
      this.deps.jobs.isCancelRequested(jobId).then((requested) => (cancel.requested = requested), () => undefined);
    }, CANCEL_POLL_MS);
    try {
      await this.train(row, context, cancel, logger);
    } catch (error) {
      const failure = toMicroSegError(error);
      if (failure.retryable && !context.signal.aborted) throw failure;
      if (context.signal.aborted) return;
      logger.error({ err: failure }, 'training job failed');
      await this.fail(row, { code: failure.code, message: failure.message, details: { ...failure.details } });
    } finally {
      clearInterval(poll);
    }
  }

  private async train(row: JobRow, context: JobContext, cancel: { requested: boolean }, logger: Logger): Promise<void> {
    const channels = row.binary ? 1 : row.classes.length;
    const data = await loadJobData(this.deps.client, row.data, row.binary ? 256 : row.classes.length, row.sixteen_bit_input);
    const config = { architecture: row.architecture, encoder: row.encoder, classes: channels };
    const model = buildSeededModel(config, row.recipe.seed);
    const trainerOptions = {
      model,
      learningRate: row.recipe.learningRate,
      lossWeights: row.recipe.loss,
      ...(row.recipe.freezeEncoder ? { freezeEncoder: (name: string) => name.startsWith('encoder.') } : {}),
    };
    const engine = chooseTrainingEngine(this.deps.engine ?? 'auto', model, { gpu: this.deps.worker.kind === 'gpu' });
    logger.info(engine, 'training engine');
    const trainer = createEngineTrainer(engine.engine, trainerOptions);
    try {
      let state: LoopState;
      if (row.checkpoint_epoch !== null) {
        state = await this.checkpoints.load(row.id, row.checkpoint_epoch, model, trainer);
        logger.info({ epoch: state.epoch }, 'resumed from checkpoint');
      } else {
        await applyInitialWeights(model, row.init, { ...this.deps, groupId: row.group_id });
        state = initialLoopState(row.recipe);
        // Epoch 0: a worker killed during the first epoch resumes from exactly these weights.
        await this.checkpoints.save(row.id, model, trainer, state);
        await this.deps.jobs.setProgress(row.id, row.progress, 0);
      }
      const augmentation = {
        ...PAPER_AUGMENTATION,
        crop: row.recipe.crop,
        ...(row.recipe.horizontalFlipOnly ? { flips: { horizontal: true, vertical: false }, rotate90: false } : {}),
      };
      let previousBest = state.schedule.bestEpoch;
      const outcome = await runTrainingLoop<LoadedItem>({
        recipe: runRecipe(row.recipe),
        items: data.train,
        state,
        hooks: {
          trainStep: async (batch, rng, learningRate) => {
            trainer.learningRate = learningRate;
            const { image, targets } = samplesToTensors(
              batch.map((item) => augmentSample(item.sample, augmentation, rng)),
              channels,
            );
            try {
              const { loss } = await trainer.trainStep(image, targets);
              context.working();
              return loss;
            } finally {
              tf.dispose([image, targets]);
            }
          },
          validate: () => withEngineForward(engine.engine, model, {}, async (runner) => (await evaluateSplit(model, data.val, channels, row.class_rule, runner)).iou),
          saveCheckpoint: async (next, report) => {
            await this.checkpoints.save(row.id, model, trainer, next, previousBest);
            previousBest = next.schedule.bestEpoch;
            const progress = this.progressOf(next, report, row.recipe.maxEpochs);
            await this.deps.jobs.recordEpoch(row.id, report, progress);
            await this.publish(row, 'running', progress);
            logger.info({ epoch: report.epoch, loss: report.loss, valIou: report.valIou, seconds: report.epochSeconds }, 'epoch done');
          },
          shouldStop: () => cancel.requested || context.signal.aborted,
        },
      });
      switch (outcome.kind) {
        case 'diverged':
          await this.fail(row, {
            code: 'DIVERGED',
            message: `training diverged: the loss became ${outcome.loss} at epoch ${outcome.epoch}, step ${outcome.step}; the checkpoint of epoch ${outcome.state.epoch} is kept`,
            details: { epoch: outcome.epoch, step: outcome.step, loss: String(outcome.loss), checkpointEpoch: outcome.state.epoch },
          });
          return;
        case 'stopped':
          if (context.signal.aborted) throw new MicroSegError('UNAVAILABLE', 'worker stopping: job handed back');
          await this.finishCancelled(row);
          return;
        case 'completed':
          await this.complete(row, outcome.state, model, data, channels, logger);
          return;
      }
    } finally {
      trainer.dispose();
      model.dispose();
    }
  }

  private progressOf(state: LoopState, report: EpochReport, maxEpochs: number): TrainingProgress {
    return {
      epoch: state.epoch,
      step: state.step,
      loss: report.loss,
      valIou: report.valIou,
      bestValIou: state.schedule.bestIou,
      learningRate: state.schedule.learningRate,
      maxEpochs,
      etaSeconds: state.schedule.phase === 'done' ? 0 : estimateRemainingSeconds(state, maxEpochs),
    };
  }

  private async complete(row: JobRow, state: LoopState, model: LayersModel, data: LoadedData, channels: number, logger: Logger): Promise<void> {
    // The schedule always has a best epoch once an epoch ran: a NaN validation IoU never completes a run.
    const bestEpoch = state.schedule.bestEpoch ?? state.epoch;
    await this.checkpoints.loadBest(row.id, model, bestEpoch);
    const [val, test] = await Promise.all([
      evaluateSplit(model, data.val, channels, row.class_rule),
      data.test.length ? evaluateSplit(model, data.test, channels, row.class_rule) : null,
    ]);
    const ood = await calibrateOutOfDistribution(model, data);
    const intervalCalibration = await calibrateMeasurementIntervals(model, data.val, channels, row.class_rule, row.binary);
    if ('reason' in ood) logger.warn({ reason: ood.reason }, 'version registered without an out-of-distribution calibration');
    const version = await registerVersion({ ...this.deps.registration, jobs: this.deps.jobs, registry: this.deps.registry }, {
      row, model, state, bestEpoch, val, test, workerKind: this.deps.worker.kind, codeVersion: this.deps.codeVersion,
      ...('calibration' in ood ? { oodCalibration: ood.calibration } : {}),
      intervalCalibration,
    });
    logger.info({ versionId: version.id, valIou: val.iou, testIou: test?.iou, oodThreshold: version.outOfDistribution?.threshold ?? null }, 'training job succeeded');
    await this.publish(row, 'succeeded', { ...(await this.currentProgress(row)), etaSeconds: 0 });
  }

  private async currentProgress(row: JobRow): Promise<TrainingProgress> {
    return (await this.deps.jobs.find(row.id))?.progress ?? row.progress;
  }

  private async fail(row: JobRow, error: { code: string; message: string; details: Record<string, unknown> }): Promise<void> {
    await this.deps.jobs.finish(row.id, 'failed', { error });
    await this.publish(row, 'failed', await this.currentProgress(row));
  }

  private async finishCancelled(row: JobRow): Promise<void> {
    await this.deps.jobs.finish(row.id, 'cancelled');
    await this.publish(row, 'cancelled', await this.currentProgress(row));
  }

  /** Progress events are best effort: the job row is the record, the event only wakes subscribers. */
  private async publish(row: JobRow, state: JobRow['state'], progress: TrainingProgress): Promise<void> {
    await publishEvent(this.deps.js, trainingEvents.jobProgress, { jobId: row.id, groupId: row.group_id, state, progress, at: new Date().toISOString() }).catch(
      (error: unknown) => this.deps.logger.warn({ err: error, jobId: row.id }, 'progress event not published'),
    );
  }
}
