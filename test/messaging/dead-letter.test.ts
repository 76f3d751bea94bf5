import { MicroSegError } from '@microseg/errors';
import {
  DEAD_LETTER_STREAM,
  type DeadLetter,
  DeadLetterSchema,
  connectNats,
  deadLetterSubject,
  defineJob,
  ensureConsumer,
  ensureStream,
  publishJob,
  runWorker,
} from '@microseg/messaging';
import { AckPolicy, type JetStreamManager, type NatsConnection, nanos } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually, natsUrl, uniqueSuffix } from './env.ts';

const suffix = uniqueSuffix();
const job = defineJob({
  subject: `microseg.test${suffix}.jobs.measure`,
  stream: `TEST_DL_${suffix}`,
  schema: z.object({ imageId: z.string(), fail: z.enum(['never', 'bad-input', 'flaky']) }),
});
const timedOutJob = defineJob({
  subject: `microseg.test${suffix}.jobs.hang`,
  stream: `TEST_DL_HANG_${suffix}`,
  schema: z.object({ imageId: z.string() }),
});

describe('dead letters', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const deliveries: Record<string, number[]> = {};

  // Read through a short-lived filtered consumer: the shared dead-letter stream holds other runs' letters too.
  async function deadLetters(stream = job.stream): Promise<DeadLetter[]> {
    const subject = deadLetterSubject(stream);
    const info = await jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: subject });
    const count = info.state.subjects?.[subject] ?? 0;
    if (count === 0) return [];
    const { name } = await jsm.consumers.add(DEAD_LETTER_STREAM, {
      filter_subject: subject,
      ack_policy: AckPolicy.None,
      inactive_threshold: nanos(10_000),
    });
    const consumer = await nc.jetstream().consumers.get(DEAD_LETTER_STREAM, name);
    const letters: DeadLetter[] = [];
    for await (const msg of await consumer.fetch({ max_messages: count, expires: 2_000 })) {
      letters.push(DeadLetterSchema.parse(msg.json()));
    }
    await jsm.consumers.delete(DEAD_LETTER_STREAM, name);
    return letters;
  }

  beforeAll(async () => {
    nc = await connectNats({ url: natsUrl, name: 'dead-letter-test' });
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: job.stream, subjects: [job.subject], retention: 'workqueue' });
    await ensureStream(jsm, {
      name: timedOutJob.stream,
      subjects: [timedOutJob.subject],
      retention: 'workqueue',
    });
  });

  afterAll(async () => {
    for (const stream of [job.stream, timedOutJob.stream]) {
      await jsm.streams.delete(stream);
      await jsm.streams.purge(DEAD_LETTER_STREAM, { filter: deadLetterSubject(stream) });
    }
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

  it('dead-letters a job whose every delivery timed out, as crashed workers leave it', async () => {
    const settings = {
      stream: timedOutJob.stream,
      name: 'hang',
      ackWaitMs: 1_000,
      maxDeliver: 2,
      filterSubject: timedOutJob.subject,
    };
    await ensureConsumer(jsm, settings);
    const js = nc.jetstream();
    await publishJob(js, timedOutJob, { imageId: 'hung' }, { headers: { 'x-request-id': 'r-2' } });
    // Two deliveries taken and never acknowledged: what two workers killed mid-job leave behind.
    const raw = await js.consumers.get(timedOutJob.stream, 'hang');
    for (let delivery = 1; delivery <= 2; delivery++) {
      const taken = await raw.next({ expires: 5_000 });
      expect(taken?.info.deliveryCount).toBe(delivery);
    }
    const handled: string[] = [];
    const worker = await runWorker({
      js,
      contract: timedOutJob,
      consumer: 'hang',
      ackWaitMs: settings.ackWaitMs,
      maxDeliver: settings.maxDeliver,
      fetchExpiresMs: 1_000,
      handler: async ({ imageId }) => void handled.push(imageId),
    });
    const [letter] = await eventually(
      async () => {
        const found = await deadLetters(timedOutJob.stream);
        return found.length > 0 && found;
      },
      { what: 'the timed-out job as a dead letter' },
    );
    await eventually(
      async () => (await jsm.streams.info(timedOutJob.stream)).state.messages === 0,
      {
        what: 'the job removed from its work queue',
      },
    );
    await worker.stop();
    expect(handled).toEqual([]);
    expect(letter).toMatchObject({
      reason: 'max-deliver',
      deliveryCount: 2,
      payload: { imageId: 'hung' },
      headers: { 'x-request-id': 'r-2' },
      error: { code: 'TIMEOUT' },
    });
  });
});
