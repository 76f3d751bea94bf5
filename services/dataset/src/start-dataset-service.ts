import { assertShareTargetsExist } from '@microseg/contracts';
import { type Logger, createLogger } from '@microseg/logging';
import { LookupInvalidator } from '@microseg/lookup-cache';
import { IdempotencyTable } from '@microseg/messaging';
import { DecodeBudget, configureDecoder } from '@microseg/micrograph';
import { type BootedService, bootServiceWithDatabase, startOutboxRelay } from '@microseg/service-runtime';
import { createObjectStore } from '@microseg/storage';
import pLimit from 'p-limit';
import type { DatasetConfig } from './config.ts';
import { DatasetAccess } from './dataset-access.ts';
import { DatasetCatalog } from './dataset-catalog.ts';
import type { DatasetDatabase } from './dataset.tables.ts';
import { DatasetRepository } from './dataset.repository.ts';
import { DeepZoomTiles } from './deep-zoom-tiles.ts';
import { startDeepZoomWorkers } from './deep-zoom-workers.ts';
import { ExperimentRepository } from './experiment.repository.ts';
import { serveDatasets } from './handlers/datasets.ts';
import { serveDeepZoom } from './handlers/deep-zoom.ts';
import { serveImages } from './handlers/images.ts';
import { ImageCatalog } from './image-catalog.ts';
import { ImageIngest } from './image-ingest.ts';
import { ImageRepository } from './image.repository.ts';
import { MaskIngest } from './mask-ingest.ts';
import { datasetMigrations } from './migrations/index.ts';
import { MultipartUploads } from './multipart-uploads.ts';
import { ObjectDeletionSweeper } from './object-deletions.ts';
import { UploadMetrics } from './upload-metrics.ts';
import { UploadTickets } from './upload-tickets.ts';
import { UploadedBytes } from './uploaded-bytes.ts';
import { UploadRepository } from './upload.repository.ts';
import { VersionRepository } from './version.repository.ts';

export interface DatasetService extends BootedService {
  logger: Logger;
  /** Drains requests, the outbox relay and connections; exits the process only when configured to. */
  stop(): Promise<void>;
}

/** Starts the dataset service: probes, NATS, its schema, the bucket, the outbox relay and the handlers. */
export async function startDatasetService(
  config: DatasetConfig,
  options: { logger?: Logger; exitOnShutdown?: boolean } = {},
): Promise<DatasetService> {
  const logger = options.logger ?? createLogger({ service: 'dataset', level: config.LOG_LEVEL });
  configureDecoder();
  const booted = await bootServiceWithDatabase<DatasetDatabase>({
    service: 'dataset',
    config,
    logger,
    schema: 'dataset',
    migrations: datasetMigrations,
    ...(options.exitOnShutdown === undefined ? {} : { exitOnShutdown: options.exitOnShutdown }),
  });
  const { runtime, nc, db, principals } = booted;
  const s3 = { url: config.S3_ENDPOINT, publicUrl: config.S3_PUBLIC_ENDPOINT, accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION };
  const store = createObjectStore(s3);
  await store.ensureBucket(config.DATASET_BUCKET);
  runtime.addReadinessCheck('object store', async () => {
    await store.ensureBucket(config.DATASET_BUCKET);
    return true;
  });
  startOutboxRelay(booted, config, logger);

  const datasets = new DatasetRepository(db);
  const images = new ImageRepository(db);
  const uploads = new UploadRepository(db);
  // First answers of the mutations retried with an Idempotency-Key.
  const idempotency = new IdempotencyTable(db);
  const access = new DatasetAccess(datasets);
  const multipart = new MultipartUploads(s3);
  const metrics = new UploadMetrics(runtime.registry);
  const tickets = new UploadTickets({
    uploads,
    store,
    multipart,
    settings: { bucket: config.DATASET_BUCKET, maxUploadBytes: config.DATASET_MAX_UPLOAD_BYTES, multipartThresholdBytes: config.DATASET_MULTIPART_THRESHOLD_BYTES },
    metrics,
  });
  const bytes = new UploadedBytes({ uploads, store, multipart, logger, maxUploadBytes: config.DATASET_MAX_UPLOAD_BYTES, metrics });
  const decoder = { maxPixels: config.DATASET_MAX_IMAGE_PIXELS };
  const slots = pLimit(config.DATASET_MAX_CONCURRENT_INGESTS);
  const budget = new DecodeBudget(config.DATASET_DECODE_MEMORY_MB * 1024 * 1024);
  const masks = new MaskIngest({ access, images, tickets, bytes, store, decoder, slots, budget });
  const catalog = new ImageCatalog({
    access,
    images,
    store,
    downloadUrlSeconds: config.DATASET_DOWNLOAD_URL_SECONDS,
    deletedObjectsDelaySeconds: config.DATASET_DELETED_OBJECTS_DELAY_SECONDS,
  });
  const tiles = new DeepZoomTiles({ access, datasets, catalog, images, store, slots, budget, maxPixels: config.DATASET_MAX_IMAGE_PIXELS, urlSeconds: config.DATASET_DOWNLOAD_URL_SECONDS });
  const imageLookups = new LookupInvalidator(nc, 'image-lookups', { logger, registry: runtime.registry });
  imageLookups.start();
  runtime.onShutdown('image lookup invalidations', () => imageLookups.stop());
  const servers = [
    ...serveDatasets(nc, {
      catalog: new DatasetCatalog({
        access,
        datasets,
        images,
        experiments: new ExperimentRepository(db),
        versions: new VersionRepository(db),
        shareTargets: (principal, visibility) => assertShareTargetsExist(nc, principals, principal, visibility),
        deletedObjectsDelaySeconds: config.DATASET_DELETED_OBJECTS_DELAY_SECONDS,
      }),
      datasets,
      idempotency,
      logger,
      principals,
      imageLookups,
    }),
    ...serveImages(nc, {
      ingest: new ImageIngest({ access, images, tickets, masks, bytes, store, decoder, slots, budget }),
      masks,
      catalog,
      idempotency,
      logger,
      principals,
      imageLookups,
    }),
    ...serveDeepZoom(nc, { tiles, logger, principals }),
  ];
  runtime.onShutdown('request handlers', async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  const tileWorkers = await startDeepZoomWorkers(nc, tiles, logger);
  runtime.onShutdown('deep-zoom workers', async () => {
    await Promise.all(tileWorkers.map((worker) => worker.stop()));
  });
  const sweeper = new ObjectDeletionSweeper({ db, store, logger, intervalMs: config.DATASET_DELETION_SWEEP_MS });
  sweeper.start();
  runtime.onShutdown('object deletion sweeper', () => sweeper.stop());
  runtime.markStarted();
  logger.info({ bucket: config.DATASET_BUCKET }, 'dataset service ready');
  return { ...booted, logger, stop: () => runtime.shutdown() };
}
