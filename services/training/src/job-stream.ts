import { TRAINING_JOBS_STREAM } from '@microseg/contracts';
import { ensureStream } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

/** The work queue of training jobs; whoever starts first (service or worker) creates it. */
export async function ensureTrainingJobStream(nc: NatsConnection): Promise<void> {
  await ensureStream(await nc.jetstreamManager(), {
    name: TRAINING_JOBS_STREAM.name,
    subjects: [...TRAINING_JOBS_STREAM.subjects],
    retention: 'workqueue',
    duplicateWindowMs: TRAINING_JOBS_STREAM.duplicateWindowSeconds * 1_000,
  });
}
