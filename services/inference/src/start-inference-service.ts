import { type Logger, createLogger } from '@microseg/logging';
import { IdempotencyTable } from '@microseg/messaging';
import { configureDecoder } from '@microseg/micrograph';
import { OutboundPolicy } from '@microseg/network-policy';
import { type BootedService, bootServiceWithDatabase, startOutboxRelay } from '@microseg/service-runtime';
import { createObjectStore } from '@microseg/storage';
import { Client } from 'minio';
import { AliasMoves } from './alias-moves.ts';
import type { InferenceConfig } from './config.ts';
import { DriftReports } from './drift-reports.ts';
import { serveInference } from './handlers/inference.ts';
import type { InferenceDatabase } from './inference.tables.ts';
import { inferenceMigrations } from './migrations/index.ts';
import { InferenceMetrics } from './inference-metrics.ts';
import { ModelCache } from './model-cache.ts';
import { loadVersionModel } from './model-loader.ts';
import { loadOodScoring, withOodScoring } from './ood-scorer.ts';
import { startPipelineWorkers } from './pipeline-workers.ts';
import { PlatformDirectory } from './platform-directory.ts';
import { Policies } from './policies.ts';
import { PolicyRepository } from './policy.repository.ts';
import { PromotionGateChecks } from './promotion-gate-checks.ts';
import { startPromotionGateWorker } from './promotion-gate-workers.ts';
import { SegmentationRunner } from './segmentation-runner.ts';
import { SegmentationRepository } from './segmentation.repository.ts';
import { serveWebhooks } from './handlers/webhooks.ts';
import { WebhookFanout } from './webhook-fanout.ts';
import { WebhookSender } from './webhook-sender.ts';
import { WebhookMetrics } from './webhook-metrics.ts';
import { startWebhookWorkers } from './webhook-workers.ts';
import { lazyTfjs } from './tfjs-engine.ts';
import { WebhookRepository } from './webhook.repository.ts';

export interface InferenceService extends BootedService {
  logger: Logger;
  stop(): Promise<void>;
}

/** The model-artifact loader takes a minio client itself; the storage lib keeps its own private. */
function artifactClient(config: InferenceConfig): Client {
  const url = new URL(config.S3_ENDPOINT);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (useSSL ? 443 : 80) : Number(url.port),
    useSSL,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
  });
}

/** Starts the inference service: backend, probes, NATS, its schema, the outbox relay, the workers and the handlers. */
export async function startInferenceService(
  config: InferenceConfig,
  options: { logger?: Logger; exitOnShutdown?: boolean } = {},
): Promise<InferenceService> {
  const logger = options.logger ?? createLogger({ service: 'inference', level: config.LOG_LEVEL });
  const booted = await bootServiceWithDatabase<InferenceDatabase>({
    service: 'inference',
    config,
    logger,
    schema: 'inference',
    migrations: inferenceMigrations,
    ...(options.exitOnShutdown === undefined ? {} : { exitOnShutdown: options.exitOnShutdown }),
  });
  const { runtime, nc, db, principals } = booted;
  if (config.MIGRATE_ONLY) return { ...booted, logger, stop: () => runtime.shutdown() };

  // tfjs is imported only where it is used (see lazyTfjs); the tfjs engine starts it now, so that a backend that fails fails the start.
  const tfjs = lazyTfjs(config.MICROSEG_TF_BACKEND, logger);
  const tfjsBackend = config.INFERENCE_ENGINE === 'tfjs' ? (await tfjs()).backend : undefined;
  configureDecoder();
  const store = createObjectStore({ url: config.S3_ENDPOINT, accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION });
  await store.ensureBucket(config.INFERENCE_BUCKET);
  runtime.addReadinessCheck('object store', async () => {
    await store.ensureBucket(config.INFERENCE_BUCKET);
    return true;
  });
  startOutboxRelay(booted, config, logger);

  const directory = new PlatformDirectory(nc, principals);
  const segmentations = new SegmentationRepository(db);
  const policyRepository = new PolicyRepository(db);
  const client = artifactClient(config);
  const metrics = new InferenceMetrics(runtime.registry, () => cache);
  const cache: ModelCache = new ModelCache(
    async (version) =>
      withOodScoring(
        await loadVersionModel({ client, ...version.artifact }, {
          engine: config.INFERENCE_ENGINE,
          onnxThreads: config.INFERENCE_ONNX_THREADS,
          onnxDevice: config.INFERENCE_ONNX_DEVICE,
          tileBatch: config.INFERENCE_TILE_BATCH,
          tileWorkers: config.INFERENCE_TILE_WORKERS,
          tfjs,
          logger: logger.child({ modelVersionId: version.id }),
        }),
        () => loadOodScoring({ client, ...version.artifact }, version.outOfDistribution, { onnxThreads: config.INFERENCE_ONNX_THREADS, onnxDevice: config.INFERENCE_ONNX_DEVICE, tfjs }),
        logger.child({ modelVersionId: version.id }),
      ),
    config.INFERENCE_MODEL_CACHE_MB * 1024 * 1024,
    logger,
    metrics,
  );
  runtime.onShutdown('model cache', () => cache.clear());
  const runner = new SegmentationRunner({
    nc, directory, segmentations, cache, store,
    bucket: config.INFERENCE_BUCKET,
    backend: tfjsBackend ?? 'onnxruntime',
    codeVersion: config.MICROSEG_CODE_VERSION,
    logger,
    metrics,
  });
  const policies = new Policies({ directory, policies: policyRepository, segmentations, logger });
  const workers = await startPipelineWorkers(
    nc,
    { runner, policies, aliasMoves: new AliasMoves({ directory, policies: policyRepository, logger }) },
    { concurrency: config.INFERENCE_CONCURRENCY, ackWaitMs: config.INFERENCE_ACK_WAIT_MS, maxDeliver: config.INFERENCE_MAX_DELIVER },
    logger,
  );
  runtime.onShutdown('pipeline workers', async () => {
    await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 15_000 })));
  });
  const gateWorker = await startPromotionGateWorker(
    nc,
    new PromotionGateChecks({ nc, directory, runner, store, maxDeliver: config.INFERENCE_MAX_DELIVER, logger }),
    { concurrency: 1, ackWaitMs: config.INFERENCE_ACK_WAIT_MS, maxDeliver: config.INFERENCE_MAX_DELIVER },
    logger,
  );
  runtime.onShutdown('promotion gate worker', () => gateWorker.stop({ timeoutMs: 15_000 }));
  const webhooks = new WebhookRepository(db);
  const outboundPolicy = new OutboundPolicy(config.WEBHOOK_ALLOWED_NETWORKS);
  const webhookWorkers = await startWebhookWorkers(
    nc,
    {
      fanout: new WebhookFanout({ webhooks, directory, logger }),
      sender: new WebhookSender(webhooks, { timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, policy: outboundPolicy, metrics: new WebhookMetrics(booted.runtime.registry) }, logger),
    },
    {
      schedule: { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, baseMs: config.WEBHOOK_RETRY_BASE_MS, maxMs: config.WEBHOOK_RETRY_MAX_MS },
      concurrency: config.WEBHOOK_CONCURRENCY,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    },
    logger,
  );
  runtime.onShutdown('webhook workers', async () => {
    await Promise.all(webhookWorkers.map((worker) => worker.stop({ timeoutMs: 15_000 })));
  });
  // First answers of the mutations retried with an Idempotency-Key.
  const idempotency = new IdempotencyTable(db);
  const servers = [
    ...serveInference(nc, { directory, runner, policies, policyRepository, segmentations, driftReports: new DriftReports({ nc, directory }), idempotency, logger, principals }),
    ...serveWebhooks(nc, { webhooks, outboundPolicy, idempotency, logger, principals }),
  ];
  runtime.onShutdown('request handlers', async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  runtime.markStarted();
  logger.info({ engine: config.INFERENCE_ENGINE, tfjsBackend: tfjsBackend ?? null, bucket: config.INFERENCE_BUCKET }, 'inference service ready');
  return { ...booted, logger, stop: () => runtime.shutdown() };
}
