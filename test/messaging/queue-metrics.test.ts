import { setTimeout as delay } from 'node:timers/promises';
import { connectNats, defineJob, ensureStream, messagingMetrics, publishJob, runWorker } from '@microseg/messaging';
import type { JetStreamManager, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually, natsUrl, uniqueSuffix } from './env.ts';

const suffix = uniqueSuffix();
const stream = `TEST_METRICS_${suffix}`;
const counted = defineJob({ subject: `microseg.test${suffix}.jobs.counted`, stream, schema: z.object({ n: z.number().int() }) });
const other = defineJob({ subject: `microseg.test${suffix}.jobs.other`, stream, schema: z.object({ n: z.number().int() }) });
const consumer = `metrics-${suffix}`;

/** The value of one sample in the Prometheus text /metrics serves, for this test's consumer. */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const wanted = Object.entries({ consumer, ...labels }).map(([key, value]) => `${key}="${value}"`);
  const line = (await messagingMetrics.metrics())
    .split('\n')
    .find((row) => row.startsWith(`${name}{`) && wanted.every((label) => row.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('job metrics', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    nc = await connectNats({ url: natsUrl, name: 'queue-metrics-test' });
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: stream, subjects: [counted.subject, other.subject], retention: 'workqueue' });
  });
  afterAll(async () => {
    await jsm.streams.delete(stream);
    await nc.drain();
  });

  it('shows queue depth and the age of the oldest owed job per consumer, then outcomes and durations', async () => {
    const js = nc.jetstream();
    // Another subject's job first: the age must be of this consumer's oldest job, not the stream's.
    await publishJob(js, other, { n: 0 });
    await delay(1_500);
    for (let n = 1; n <= 3; n++) await publishJob(js, counted, { n });
    await delay(1_200);

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const worker = await runWorker({
      js,
      contract: counted,
      consumer,
      ackWaitMs: 10_000,
      fetchExpiresMs: 1_000,
      handler: async ({ n }) => {
        if (n === 1) await held;
        if (n === 3) throw Object.assign(new Error('bad job'), { code: 'INVALID_INPUT' });
      },
    });
    try {
      await eventually(async () => (await sample('microseg_queue_unacknowledged_messages', { stream })) === 1, { what: 'the first job in work' });
      expect(await sample('microseg_queue_pending_messages', { stream })).toBe(2);
      const age = await sample('microseg_queue_oldest_age_seconds', { stream });
      expect(age).toBeGreaterThanOrEqual(1);
      expect(age).toBeLessThan(2.5);

      release();
      await eventually(async () => (await sample('microseg_jobs_total', { outcome: 'dead_lettered' })) === 1, { what: 'the bad job dead-lettered' });
      expect(await sample('microseg_jobs_total', { outcome: 'succeeded' })).toBe(2);
      expect(await sample('microseg_job_duration_seconds_count', { outcome: 'succeeded' })).toBe(2);
      await eventually(async () => (await sample('microseg_queue_oldest_age_seconds', { stream })) === 0, { what: 'an empty queue' });
    } finally {
      release();
      await worker.stop({ timeoutMs: 1_000 });
    }
  });
});
