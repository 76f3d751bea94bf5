import { EVENTS_STREAM, datasetEvents } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type Worker, defineJob, runWorker } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { DeepZoomTiles } from './deep-zoom-tiles.ts';

/**
 * `image.uploaded` and `mask.created` read straight from the events stream by durable consumers
 * of the dataset service's own: the stream keeps the events for everyone, the consumers remember
 * how far the tiling got, so a restart resumes it.
 */
const imageUploadedJob = defineJob({ subject: datasetEvents.imageUploaded.subject, stream: EVENTS_STREAM.name, schema: datasetEvents.imageUploaded.schema });
const maskCreatedJob = defineJob({ subject: datasetEvents.maskCreated.subject, stream: EVENTS_STREAM.name, schema: datasetEvents.maskCreated.schema });

/**
 * One pyramid at a time per replica, beside ingest (both take the service's decode slots): the
 * first look at a 4096 px micrograph would otherwise wait seconds for its tiles to be made.
 */
const SETTINGS = { concurrency: 1, ackWaitMs: 60_000, maxDeliver: 5 } as const;

/** Makes the deep-zoom pyramids of new images and masks ahead of the first look. */
export function startDeepZoomWorkers(nc: NatsConnection, tiles: DeepZoomTiles, logger: Logger): Promise<Worker[]> {
  const common = { js: nc.jetstream(), nc, logger, ...SETTINGS };
  const prepare = async (what: string, layer: { imageId: string; maskId?: string }) => {
    const made = await tiles.prepare(layer);
    logger.debug({ ...layer, made }, made ? `deep-zoom pyramid of the new ${what} ready` : `the new ${what} is gone: no pyramid to make`);
  };
  return Promise.all([
    runWorker({ ...common, contract: imageUploadedJob, consumer: 'dataset-deep-zoom-images', handler: (event) => prepare('image', { imageId: event.imageId }) }),
    runWorker({ ...common, contract: maskCreatedJob, consumer: 'dataset-deep-zoom-masks', handler: (event) => prepare('mask', { imageId: event.imageId, maskId: event.maskId }) }),
  ]);
}
