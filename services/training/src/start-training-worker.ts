import { hostname } from 'node:os';
import { TRAINING_JOBS_STREAM, trainingJobs } from '@microseg/contracts';
import { type Logger, createLogger } from '@microseg/logging';
import { runWorker } from '@microseg/messaging';
import { configureDecoder } from '@microseg/micrograph';
import {type BootedService, bootServiceWithDatabase } from '@microseg/service-runtime';
import { defaultThreads } from '@microseg/model-artifact';
import { MAX_WASM_THREADS, initBackend } from '@microseg/tf-runtime';
import type { WorkerConfig } from './config.ts';
import { JobRepository } from './job.repository.ts';
import { trainingMigrations } from './migrations/index.ts';
import { RegistryRepository } from './registry.repository.ts';
import { createS3Client } from './s3-client.ts';
import type { TrainingDatabase } from './training.tables.ts';
import { WeightsRepository } from './weights.repository.ts';
import { JobRunner } from './worker/job-runner.ts';

/** Past this, a stopping worker aborts its job at the next step and hands it back (it resumes from its checkpoint). */
const HAND_BACK_AFTER_MS = 1_000;

/**
 * A training worker: takes one job at a time from the MICROSEG_TRAINING_JOBS work queue
 * (consumer `training-workers`) and trains it on the best tfjs backend present. In a cluster this
 * is the GPU pod; locally the service starts it as a child process.
 */
export async function startTrainingWorker(config: WorkerConfig, options: { logger?: Logger; exitOnShutdown?: boolean } = {}): Promise<BootedService> {
  const logger = options.logger ?? createLogger({ service: 'training-worker', level: config.LOG_LEVEL });
  const wasmThreads = config.TRAINING_WASM_THREADS || Math.min(defaultThreads(), MAX_WASM_THREADS);
  const choice = await initBackend({ preferred: config.MICROSEG_TF_BACKEND, wasmThreads, logger });
  configureDecoder();
  const booted = await bootServiceWithDatabase<TrainingDatabase>({
    service: 'training',
    config,
    logger,
    schema: 'training',
    migrations: trainingMigrations,
    // The training service owns the schema (and the migration Job runs it): the worker waits for
    // the migrations it was built with instead of applying them from a second place.
    schemaRole: 'user',
    poolSize: 2,
    ...(options.exitOnShutdown === undefined ? {} : { exitOnShutdown: options.exitOnShutdown }),
  });
  const { runtime, nc, db } = booted;
  const client = createS3Client({ url: config.S3_ENDPOINT, accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION });
  const jobs = new JobRepository(db);
  const registry = new RegistryRepository(db);
  const worker = { id: config.TRAINING_WORKER_ID ?? `${hostname()}:${process.pid}`, kind: choice.provider.includes('gpu') ? ('gpu' as const) : ('cpu' as const) };
  const runner = new JobRunner({
    jobs,
    registry,
    weights: new WeightsRepository(db),
    client,
    bucket: config.TRAINING_BUCKET,
    js: nc.jetstream(),
    logger,
    worker,
    codeVersion: config.MICROSEG_CODE_VERSION,
    registration: { db, client, bucket: config.TRAINING_BUCKET, jobs, registry },
    engine: config.TRAINING_ENGINE,
  });
  const queue = await runWorker({
    js: nc.jetstream(),
    nc,
    contract: trainingJobs.run,
    consumer: TRAINING_JOBS_STREAM.consumer,
    handler: ({ jobId }, context) => runner.run(jobId, context),
    ackWaitMs: config.TRAINING_ACK_WAIT_MS,
    maxDeliver: config.TRAINING_MAX_DELIVER,
    concurrency: 1,
    logger,
  });
  runtime.onShutdown('training queue', () => queue.stop({ timeoutMs: HAND_BACK_AFTER_MS }));
  runtime.markStarted();
  logger.info({ worker: worker.id, kind: worker.kind, backend: choice.backend, threads: choice.threads, engine: config.TRAINING_ENGINE }, 'training worker ready');
  return booted;
}
