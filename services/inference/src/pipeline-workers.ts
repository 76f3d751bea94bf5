import { EVENTS_STREAM, INFERENCE_JOBS_STREAM, datasetEvents, inferenceJobs, trainingEvents } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type Worker, defineJob, runWorker } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { AliasMoves } from './alias-moves.ts';
import type { Policies } from './policies.ts';
import type { SegmentationRunner } from './segmentation-runner.ts';

/** `image.uploaded` read from the events stream by a durable consumer of its own. */
const imageUploadedJob = defineJob({
  subject: datasetEvents.imageUploaded.subject,
  stream: EVENTS_STREAM.name,
  schema: datasetEvents.imageUploaded.schema,
});

const aliasMovedJob = defineJob({
  subject: trainingEvents.aliasMoved.subject,
  stream: EVENTS_STREAM.name,
  schema: trainingEvents.aliasMoved.schema,
});

export interface WorkerSettings {
  concurrency: number;
  ackWaitMs: number;
  maxDeliver: number;
}

/**
 * Three consumers: uploads and alias moves start policy runs (cheap, database only), and the segmentation work
 * queue (consumer `inference-workers`, what the cluster scales) does the compute.
 */
export async function startPipelineWorkers(
  nc: NatsConnection,
  deps: { runner: SegmentationRunner; policies: Policies; aliasMoves: AliasMoves },
  settings: WorkerSettings,
  logger: Logger,
): Promise<Worker[]> {
  const js = nc.jetstream();
  const common = { js, nc, logger, ackWaitMs: settings.ackWaitMs, maxDeliver: settings.maxDeliver };
  return Promise.all([
    runWorker({
      ...common,
      concurrency: 4,
      contract: imageUploadedJob,
      consumer: 'inference-image-uploaded',
      handler: async (event) => {
        await deps.policies.onImageUploaded(event);
      },
    }),
    runWorker({
      ...common,
      concurrency: 1,
      contract: aliasMovedJob,
      consumer: 'inference-model-alias-moved',
      handler: async (event) => {
        await deps.aliasMoves.onAliasMoved(event);
      },
    }),
    runWorker({
      ...common,
      concurrency: settings.concurrency,
      contract: inferenceJobs.segment,
      consumer: INFERENCE_JOBS_STREAM.consumer,
      handler: async (job, context) => {
        await deps.runner.run(job, context);
      },
    }),
  ]);
}
