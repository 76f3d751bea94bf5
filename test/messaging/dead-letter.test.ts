import { MicroSegError } from '@microseg/errors';
import {
  DEAD_LETTER_STREAM,
  type DeadLetter,
  DeadLetterSchema,
  connectNats,
  deadLetterSubject,
  defineJob,
  ensureStream,
  publishJob,
  runWorker,
} from '@microseg/messaging';
import type { JetStreamManager, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually, natsUrl, uniqueSuffix } from './env.ts';

const suffix = uniqueSuffix();
const job = defineJob({
  subject: `microseg.test${suffix}.jobs.measure`,
  stream: `TEST_DL_${suffix}`,
  schema: z.object({ imageId: z.string(), fail: z.enum(['never', 'bad-input', 'flaky']) }),
});

describe('dead letters', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const deliveries: Record<string, number[]> = {};

  async function deadLetters(): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    const info = await jsm.streams.info(DEAD_LETTER_STREAM, {
      subjects_filter: deadLetterSubject(job.stream),
    });
    const last = info.state.last_seq;
    for (let seq = info.state.first_seq; seq <= last && seq > 0; seq++) {
      const stored = await jsm.streams
        .getMessage(DEAD_LETTER_STREAM, { seq })
        .catch(() => undefined);
      if (stored?.subject === deadLetterSubject(job.stream))
        letters.push(DeadLetterSchema.parse(stored.json()));
    }
    return letters;
  }

  beforeAll(async () => {
    nc = await connectNats({ url: natsUrl, name: 'dead-letter-test' });
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: job.stream, subjects: [job.subject], retention: 'workqueue' });
  });

  afterAll(async () => {
    await jsm.streams.delete(job.stream);
    await jsm.streams.purge(DEAD_LETTER_STREAM, { filter: deadLetterSubject(job.stream) });
    await nc.drain();
  });

  it('terminates non-retryable failures and exhausted retries into dead letters with payload, error and delivery count', async () => {
    const worker = await runWorker({
      js: nc.jetstream(),
      contract: job,
      consumer: 'measure',
      maxDeliver: 3,
      backoff: [50, 100],
      ackWaitMs: 5_000,
      fetchExpiresMs: 1_000,
      handler: async ({ imageId, fail }, { deliveryCount }) => {
        (deliveries[imageId] ??= []).push(deliveryCount);
        if (fail === 'bad-input')
          throw new MicroSegError('INVALID_INPUT', 'mask has the wrong size', {
            details: { imageId },
          });
        if (fail === 'flaky') throw new MicroSegError('UNAVAILABLE', 'object store down');
      },
    });
    const js = nc.jetstream();
    await publishJob(js, job, { imageId: 'ok', fail: 'never' });
    await publishJob(
      js,
      job,
      { imageId: 'bad', fail: 'bad-input' },
      { headers: { 'x-request-id': 'r-1' } },
    );
    await publishJob(js, job, { imageId: 'flaky', fail: 'flaky' });
    // Published around the contract: the worker cannot even decode it.
    await js.publish(job.subject, new TextEncoder().encode('{"imageId": 7}'));

    const letters = await eventually(
      async () => {
        const found = await deadLetters();
        return found.length >= 3 && found;
      },
      { what: 'three dead letters' },
    );
    await worker.stop();

    const byImage = (id: unknown) =>
      letters.find((l) => (l.payload as { imageId?: unknown }).imageId === id);
    expect(byImage('bad')).toMatchObject({
      stream: job.stream,
      consumer: 'measure',
      subject: job.subject,
      reason: 'not-retryable',
      deliveryCount: 1,
      error: {
        code: 'INVALID_INPUT',
        message: 'mask has the wrong size',
        details: { imageId: 'bad' },
      },
      headers: { 'x-request-id': 'r-1' },
    });
    expect(byImage('flaky')).toMatchObject({
      reason: 'max-deliver',
      deliveryCount: 3,
      error: { code: 'UNAVAILABLE' },
    });
    expect(byImage(7)).toMatchObject({
      reason: 'not-retryable',
      deliveryCount: 1,
      error: { code: 'INVALID_INPUT' },
    });
    expect(letters).toHaveLength(3);
    expect(deliveries).toEqual({ ok: [1], bad: [1], flaky: [1, 2, 3] });
    // Terminated jobs leave the work queue: the dead letter is now the only copy.
    await eventually(async () => (await jsm.streams.info(job.stream)).state.messages === 0, {
      what: 'an empty work queue',
    });
    const consumer = await jsm.consumers.info(job.stream, 'measure');
    expect(consumer.num_pending + consumer.num_ack_pending).toBe(0);
  });
});
