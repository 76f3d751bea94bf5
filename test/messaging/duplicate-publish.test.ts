import {
  defineEvent,
  defineJob,
  ensureStream,
  publishEvent,
  publishJob,
} from '@microseg/messaging';
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { natsUrl, uniqueSuffix } from './env.ts';

const suffix = uniqueSuffix();
const eventStream = `TEST_EVENTS_${suffix}`;
const jobStream = `TEST_JOBS_${suffix}`;
const imageUploaded = defineEvent({
  subject: `microseg.test${suffix}.events.image.uploaded.v1`,
  schema: z.object({ imageId: z.string() }),
});
const segmentJob = defineJob({
  subject: `microseg.test${suffix}.jobs.segment`,
  stream: jobStream,
  schema: z.object({ imageId: z.string() }),
});

describe('idempotent publish', () => {
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl });
    js = nc.jetstream();
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, {
      name: eventStream,
      subjects: [imageUploaded.subject],
      duplicateWindowMs: 60_000,
    });
    await ensureStream(jsm, {
      name: jobStream,
      subjects: [segmentJob.subject],
      retention: 'workqueue',
    });
  });

  afterAll(async () => {
    await jsm.streams.delete(eventStream);
    await jsm.streams.delete(jobStream);
    await nc.drain();
  });

  it('stores an event published twice with the same msg id once', async () => {
    const first = await publishEvent(js, imageUploaded, { imageId: 'i1' }, { msgId: 'upload-i1' });
    const again = await publishEvent(js, imageUploaded, { imageId: 'i1' }, { msgId: 'upload-i1' });
    await publishEvent(js, imageUploaded, { imageId: 'i2' }, { msgId: 'upload-i2' });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, seq: first.seq });
    expect((await jsm.streams.info(eventStream)).state.messages).toBe(2);
  });

  it('stores a job published twice with the same msg id once, and refuses a job its stream does not hold', async () => {
    const copies = await Promise.all(
      [1, 2, 3].map(() => publishJob(js, segmentJob, { imageId: 'i1' }, { msgId: 'seg-i1' })),
    );
    expect(copies.filter((c) => !c.duplicate)).toHaveLength(1);
    expect((await jsm.streams.info(jobStream)).state.messages).toBe(1);
    const misrouted = defineJob({
      subject: imageUploaded.subject,
      stream: jobStream,
      schema: z.object({ imageId: z.string() }),
    });
    await expect(publishJob(js, misrouted, { imageId: 'i3' })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('ensureStream is idempotent and applies changed limits to the live stream', async () => {
    await ensureStream(jsm, {
      name: eventStream,
      subjects: [imageUploaded.subject],
      duplicateWindowMs: 60_000,
    });
    const updated = await ensureStream(jsm, {
      name: eventStream,
      subjects: [imageUploaded.subject],
      duplicateWindowMs: 30_000,
    });
    expect(updated.config.duplicate_window).toBe(30_000 * 1_000_000);
    expect(updated.state.messages).toBe(2);
    await expect(
      ensureStream(jsm, {
        name: eventStream,
        subjects: [imageUploaded.subject],
        retention: 'workqueue',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
