import {
  EVENTS_STREAM,
  datasetEvents,
  metrologyJobs,
} from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type Worker, defineJob, runWorker } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { MaskMeasurer } from './mask-measurer.ts';

/**
 * `mask.created` read straight from the events stream by a durable consumer of its own: the
 * events stream keeps every event for everyone, this consumer only remembers how far metrology got.
 */
const maskCreatedJob = defineJob({
  subject: datasetEvents.maskCreated.subject,
  stream: EVENTS_STREAM.name,
  schema: datasetEvents.maskCreated.schema,
});

export interface WorkerSettings {
  concurrency: number;
  ackWaitMs: number;
  maxDeliver: number;
}

/**
 * Two consumers, one path: new masks from the dataset events, and measurement jobs (re-measuring
 * a dataset; model masks later) from the metrology work queue, both handed to the same measurer.
 */
export async function startMeasurementWorkers(
  nc: NatsConnection,
  measurer: MaskMeasurer,
  settings: WorkerSettings,
  logger: Logger,
): Promise<Worker[]> {
  const js = nc.jetstream();
  const common = {
    js,
    nc,
    logger,
    concurrency: settings.concurrency,
    ackWaitMs: settings.ackWaitMs,
    maxDeliver: settings.maxDeliver,
  };
  const handle =
    (kind: string) =>
    async (
      mask: Parameters<MaskMeasurer['measure']>[0],
      job: { working(): void; deliveryCount: number },
    ) => {
      const outcome = await measurer.measure(mask, job);
      // Repeats (a redelivery after a crash, a duplicate event) show at info: fault figures count them.
      const repeat = outcome === 'already-measured' || job.deliveryCount > 1;
      logger[repeat ? 'info' : 'debug'](
        { kind, maskId: mask.maskId, outcome, deliveryCount: job.deliveryCount },
        'measurement job done',
      );
    };
  return Promise.all([
    runWorker({
      ...common,
      contract: maskCreatedJob,
      consumer: 'metrology-mask-created',
      handler: handle('mask.created'),
    }),
    runWorker({
      ...common,
      contract: metrologyJobs.measureMask,
      consumer: 'metrology-measure',
      handler: handle('job'),
    }),
  ]);
}
