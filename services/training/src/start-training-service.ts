import { type ShareTargetCheck, assertShareTargetsExist, identityContracts } from '@microseg/contracts';
import { type Logger, createLogger } from '@microseg/logging';
import { request } from '@microseg/messaging';
import { type BootedService, bootServiceWithDatabase, startOutboxRelay } from '@microseg/service-runtime';
import { createObjectStore } from '@microseg/storage';
import { initBackend } from '@microseg/tf-runtime';
import { Benchmarks } from './benchmarks.ts';
import type { TrainingConfig } from './config.ts';
import { AliasGateRepository } from './alias-gates.repository.ts';
import { AliasGates } from './alias-gates.ts';
import { DatasetReader } from './dataset-reader.ts';
import { serveAliasGates } from './handlers/alias-gates.ts';
import { serveJobs } from './handlers/jobs.ts';
import { serveRegistry } from './handlers/registry.ts';
import { JobSubmission } from './job-submission.ts';
import { JobRepository } from './job.repository.ts';
import { LocalWorkers } from './local-workers.ts';
import { trainingMigrations } from './migrations/index.ts';
import { PackageImport } from './package-import.ts';
import { PackageUploadsRepository } from './package-uploads.repository.ts';
import { Registry } from './registry.ts';
import { RegistryRepository } from './registry.repository.ts';
import { createS3Client } from './s3-client.ts';
import type { TrainingDatabase } from './training.tables.ts';
import { VersionDownloads } from './version-downloads.ts';
import { WeightsImport } from './weights-import.ts';
import { WeightsRepository } from './weights.repository.ts';

export interface TrainingService extends BootedService {
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * The training service: the API of jobs, registry and weight imports, the training job queue
 * (jobs enter it through the outbox, in the transaction that records them), and, on the local
 * platform, its worker processes.
 */
export async function startTrainingService(
  config: TrainingConfig,
  options: { logger?: Logger; exitOnShutdown?: boolean } = {},
): Promise<TrainingService> {
  const logger = options.logger ?? createLogger({ service: 'training', level: config.LOG_LEVEL });
  const booted = await bootServiceWithDatabase<TrainingDatabase>({
    service: 'training',
    config,
    logger,
    schema: 'training',
    migrations: trainingMigrations,
    ...(options.exitOnShutdown === undefined ? {} : { exitOnShutdown: options.exitOnShutdown }),
  });
  const { runtime, nc, db, principals } = booted;
  const s3 = { url: config.S3_ENDPOINT, publicUrl: config.S3_PUBLIC_ENDPOINT, accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION };
  const store = createObjectStore(s3);
  await store.ensureBucket(config.TRAINING_BUCKET);
  startOutboxRelay(booted, config, logger);

  const jobs = new JobRepository(db);
  const repository = new RegistryRepository(db);
  const weights = new WeightsRepository(db);
  const shareTargets: ShareTargetCheck = (principal, visibility) => assertShareTargetsExist(nc, principals, principal, visibility);
  const registry = new Registry({ registry: repository, jobs, weights, shareTargets });
  const submission = new JobSubmission({ db, jobs, registry, weights, datasets: new DatasetReader(nc, principals), maxBatchPixels: config.TRAINING_MAX_BATCH_PIXELS });
  let backend: Promise<unknown> | undefined;
  const client = createS3Client(s3);
  const packageImport = new PackageImport({ uploads: new PackageUploadsRepository(db, repository), registry: repository, store, client, bucket: config.TRAINING_BUCKET, shareTargets });
  const groupName = async (principal: Parameters<ShareTargetCheck>[0], groupId: string) => {
    const { groups } = await request(nc, identityContracts.listGroups, { ids: [groupId] }, { timeoutMs: 10_000, headers: principals.headers(principal) });
    return groups[0]?.name;
  };
  const downloads = new VersionDownloads({ registry, repository, store, client, bucket: config.TRAINING_BUCKET, groupName });
  const weightsImport = new WeightsImport({
    weights,
    store,
    client,
    bucket: config.TRAINING_BUCKET,
    shareTargets,
    ensureBackend: async () => {
      backend ??= initBackend({ logger });
      await backend;
    },
  });
  const servers = [
    ...serveJobs(nc, { db, jobs, submission, benchmarks: new Benchmarks({ db, jobs, registry: repository, submission }), logger, principals }),
    ...serveRegistry(nc, { registry, repository, weights, weightsImport, packageImport, downloads, logger, principals }),
    ...serveAliasGates(nc, { gates: new AliasGates({ registry, repository, gates: new AliasGateRepository(db), datasets: new DatasetReader(nc, principals) }), logger, principals }),
  ];
  runtime.onShutdown('request handlers', async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  if (config.TRAINING_LOCAL_WORKERS > 0) {
    const workers = new LocalWorkers({ count: config.TRAINING_LOCAL_WORKERS, env: JSON.parse(config.TRAINING_WORKER_ENV) as Record<string, string>, logger });
    workers.start();
    runtime.onShutdown('training workers', () => workers.stop());
  }
  runtime.markStarted();
  logger.info({ bucket: config.TRAINING_BUCKET, localWorkers: config.TRAINING_LOCAL_WORKERS }, 'training service ready');
  return { ...booted, logger, stop: () => runtime.shutdown() };
}
