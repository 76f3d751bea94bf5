import { EVENTS_STREAM, WEBHOOK_JOBS_STREAM, inferenceEvents, metrologyEvents, webhookJobs } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type Worker, defineJob, runWorker } from '@microseg/messaging';
import { type RetrySchedule, nextRetryDelay } from '@microseg/pipeline';
import type { NatsConnection } from 'nats';
import type { WebhookFanout } from './webhook-fanout.ts';
import type { WebhookSender } from './webhook-sender.ts';

const measurementCompleted = defineJob({ subject: metrologyEvents.measurementCompleted.subject, stream: EVENTS_STREAM.name, schema: metrologyEvents.measurementCompleted.schema });
const segmentationCompleted = defineJob({ subject: inferenceEvents.segmentationCompleted.subject, stream: EVENTS_STREAM.name, schema: inferenceEvents.segmentationCompleted.schema });

/**
 * Two event consumers queue deliveries (database only), and the delivery consumer
 * (`webhook-deliveries`, its own work-queue stream) makes the HTTP calls with the retry schedule:
 * receivers that hang or fail occupy these workers only, never inference or metrology.
 */
export async function startWebhookWorkers(
  nc: NatsConnection,
  deps: { fanout: WebhookFanout; sender: WebhookSender },
  settings: { schedule: RetrySchedule; concurrency: number; timeoutMs: number },
  logger: Logger,
): Promise<Worker[]> {
  const js = nc.jetstream();
  return Promise.all([
    runWorker({
      js, nc, logger,
      contract: measurementCompleted,
      consumer: 'webhooks-measurement-completed',
      concurrency: 4,
      handler: async (event) => {
        await deps.fanout.onEvent('measurement.completed', { ...event, subjectId: event.measurementId }, event);
      },
    }),
    runWorker({
      js, nc, logger,
      contract: segmentationCompleted,
      consumer: 'webhooks-segmentation-completed',
      concurrency: 4,
      handler: async (event) => {
        await deps.fanout.onEvent('segmentation.completed', { ...event, subjectId: event.segmentationId }, event);
      },
    }),
    runWorker({
      js, nc, logger,
      contract: webhookJobs.deliver,
      consumer: WEBHOOK_JOBS_STREAM.consumer,
      concurrency: settings.concurrency,
      // The sender dead-letters the delivery itself on its last attempt, so this bound is never the one reached.
      maxDeliver: settings.schedule.maxAttempts + 1,
      backoff: (attempt) => nextRetryDelay(settings.schedule, attempt, Math.random()) ?? 0,
      ackWaitMs: settings.timeoutMs + 10_000,
      handler: async ({ deliveryId }, context) => {
        await deps.sender.send(deliveryId, context.deliveryCount);
      },
    }),
  ]);
}
