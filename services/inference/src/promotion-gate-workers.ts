import { EVENTS_STREAM, promotionGateEvents } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type Worker, defineJob, runWorker } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { PromotionGateChecks } from './promotion-gate-checks.ts';
import type { WorkerSettings } from './pipeline-workers.ts';

/** `model-alias.gate-requested` read from the events stream by a durable consumer of its own. */
const gateRequestedJob = defineJob({
  subject: promotionGateEvents.aliasGateRequested.subject,
  stream: EVENTS_STREAM.name,
  schema: promotionGateEvents.aliasGateRequested.schema,
});

/**
 * One gate at a time per process: a gate segments a whole reference split, and the segmentation
 * work queue must keep its share of the CPU. The worker's heartbeats keep a long gate's job alive;
 * a crashed process's gate is redelivered and resumes from the segmentations already stored.
 */
export function startPromotionGateWorker(nc: NatsConnection, checks: PromotionGateChecks, settings: WorkerSettings, logger: Logger): Promise<Worker> {
  return runWorker({
    js: nc.jetstream(),
    nc,
    logger,
    ackWaitMs: settings.ackWaitMs,
    maxDeliver: settings.maxDeliver,
    concurrency: 1,
    contract: gateRequestedJob,
    consumer: 'inference-promotion-gates',
    handler: (event, context) => checks.onGateRequested(event, context),
  });
}
