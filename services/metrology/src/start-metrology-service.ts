import { type Logger, createLogger } from '@microseg/logging';
import { type BootedService, bootServiceWithDatabase, startOutboxRelay } from '@microseg/service-runtime';
import { createObjectStore } from '@microseg/storage';
import type { MetrologyConfig } from './config.ts';
import { DatasetDirectory } from './dataset-directory.ts';
import { serveEvaluations } from './handlers/evaluations.ts';
import { serveMeasurements } from './handlers/measurements.ts';
import { serveProfiles } from './handlers/profiles.ts';
import { MaskEvaluations } from './mask-evaluations.ts';
import { MaskMeasurer } from './mask-measurer.ts';
import { MaskRepository } from './mask.repository.ts';
import { MeasurementCatalog } from './measurement-catalog.ts';
import { MeasurementExport } from './measurement-export.ts';
import { MeasurementFiles } from './measurement-files.ts';
import { startMeasurementWorkers } from './measurement-workers.ts';
import { MeasurementRepository } from './measurement.repository.ts';
import type { MetrologyDatabase } from './metrology.tables.ts';
import { metrologyMigrations } from './migrations/index.ts';
import { ModelRegistry } from './model-registry.ts';
import { ProbabilityBands } from './probability-bands.ts';
import { ProfileResolver } from './profile-resolver.ts';
import { ProfileRepository } from './profile.repository.ts';
import { Remeasurement } from './remeasurement.ts';

export interface MetrologyService extends BootedService {
  logger: Logger;
  /** Stops taking jobs, hands unfinished ones back, drains requests, the outbox relay and connections. */
  stop(): Promise<void>;
}

/** Starts the metrology service: probes, NATS, its schema, the bucket, the outbox relay, the workers and the handlers. */
export async function startMetrologyService(
  config: MetrologyConfig,
  options: { logger?: Logger; exitOnShutdown?: boolean } = {},
): Promise<MetrologyService> {
  const logger = options.logger ?? createLogger({ service: 'metrology', level: config.LOG_LEVEL });
  const booted = await bootServiceWithDatabase<MetrologyDatabase>({
    service: 'metrology',
    config,
    logger,
    schema: 'metrology',
    migrations: metrologyMigrations,
    ...(options.exitOnShutdown === undefined ? {} : { exitOnShutdown: options.exitOnShutdown }),
  });
  const { runtime, nc, db, principals } = booted;
  const store = createObjectStore({
    url: config.S3_ENDPOINT,
    publicUrl: config.S3_PUBLIC_ENDPOINT,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
  });
  await store.ensureBucket(config.METROLOGY_BUCKET);
  runtime.addReadinessCheck('object store', async () => {
    await store.ensureBucket(config.METROLOGY_BUCKET);
    return true;
  });
  startOutboxRelay(booted, config, logger);

  const directory = new DatasetDirectory(nc, principals);
  const profiles = new ProfileRepository(db);
  const resolver = new ProfileResolver(profiles, directory);
  const masks = new MaskRepository(db);
  const measurements = new MeasurementRepository(db);
  const files = new MeasurementFiles(store, config.METROLOGY_BUCKET);
  const codeVersion = config.MICROSEG_CODE_VERSION;
  const catalog = new MeasurementCatalog({ directory, measurements, profiles: resolver, files });

  const servers = [
    ...serveProfiles(nc, { directory, profiles, resolver, logger, principals }),
    ...serveMeasurements(nc, {
      catalog,
      exports: new MeasurementExport({ catalog, measurements, files, models: new ModelRegistry(nc, principals) }),
      remeasurement: new Remeasurement({
        js: nc.jetstream(),
        directory,
        masks,
        profiles: resolver,
        codeVersion,
      }),
      logger,
      principals,
    }),
    ...serveEvaluations(nc, { evaluations: new MaskEvaluations({ directory, files, codeVersion }), logger, principals }),
  ];
  runtime.onShutdown('request handlers', async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  // Workers last: by the time jobs flow, the queries about their results are answered too.
  const workers = await startMeasurementWorkers(
    nc,
    new MaskMeasurer({ masks, measurements, profiles: resolver, files, bands: new ProbabilityBands(store, config.METROLOGY_PROBABILITY_BAND_BUCKET), codeVersion, logger }),
    {
      concurrency: config.METROLOGY_CONCURRENCY,
      ackWaitMs: config.METROLOGY_ACK_WAIT_MS,
      maxDeliver: config.METROLOGY_MAX_DELIVER,
    },
    logger,
  );
  runtime.onShutdown('measurement workers', async () => {
    await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 15_000 })));
  });
  runtime.markStarted();
  logger.info({ bucket: config.METROLOGY_BUCKET, codeVersion }, 'metrology service ready');
  return { ...booted, logger, stop: () => runtime.shutdown() };
}
