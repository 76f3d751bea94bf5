import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely } from '@microseg/db';
import { type Worker, connectNats, ensureStream, publishJob, runWorker } from '@microseg/messaging';
import type { JetStreamManager, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, eventually, natsUrl, uniqueSuffix } from './env.ts';
import {
  type CompletionsDatabase,
  countJob,
  dropSchema,
  openCompletions,
  recordCompletion,
} from './fixtures/job-contract.ts';

const suffix = uniqueSuffix();
const schema = `msg_redelivery_${suffix}`;
const job = countJob(suffix);
const ackWaitMs = 1_500;
const workerScript = fileURLToPath(new URL('./fixtures/crashing-worker.ts', import.meta.url));

describe('work-queue worker', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let db: Kysely<CompletionsDatabase>;

  const completions = () =>
    db.selectFrom('completions').selectAll().orderBy('n').orderBy('delivery').execute();
  const startWorker = (name: string, handle?: (n: number) => Promise<void>) =>
    runWorker({
      js: nc.jetstream(),
      contract: job,
      consumer: 'counter',
      ackWaitMs,
      fetchExpiresMs: 1_000,
      handler: async ({ n }, { deliveryCount }) => {
        await handle?.(n);
        await recordCompletion(db, n, deliveryCount, name);
      },
    });

  beforeAll(async () => {
    nc = await connectNats({ url: natsUrl, name: 'worker-test' });
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: job.stream, subjects: [job.subject], retention: 'workqueue' });
    db = await openCompletions(databaseUrl, schema);
  });

  afterAll(async () => {
    await jsm.streams.delete(job.stream);
    await dropSchema(db, schema);
    await db.destroy();
    await nc.drain();
  });

  it('loses no acknowledged job when a worker is killed mid-job, and completes the held job once after redelivery', async () => {
    const js = nc.jetstream();
    for (let n = 1; n <= 6; n++)
      await publishJob(js, job, { n }, { msgId: `count-${suffix}-${n}` });

    const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
      env: {
        ...process.env,
        SUFFIX: suffix,
        CRASH_ON: '4',
        SCHEMA: schema,
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        ACK_WAIT_MS: String(ackWaitMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await eventually(async () => output.includes('holding 4'), { what: 'the child to hold job 4' });
    // Held for several ack waits: heartbeats keep the job from being redelivered while its worker lives.
    await delay(ackWaitMs * 2);
    expect((await completions()).map((c) => c.n)).toEqual([1, 2, 3]);
    child.kill('SIGKILL');
    await exited;

    const survivor = await startWorker('survivor');
    const rows = await eventually(
      async () => {
        const all = await completions();
        return all.length >= 6 && all;
      },
      { what: 'six completions' },
    );
    await delay(ackWaitMs + 500);
    await survivor.stop();

    expect(await completions()).toEqual(rows);
    expect(rows).toEqual([
      { n: 1, delivery: 1, worker: 'crashing-worker' },
      { n: 2, delivery: 1, worker: 'crashing-worker' },
      { n: 3, delivery: 1, worker: 'crashing-worker' },
      { n: 4, delivery: 2, worker: 'survivor' },
      { n: 5, delivery: 1, worker: 'survivor' },
      { n: 6, delivery: 1, worker: 'survivor' },
    ]);
    expect((await jsm.streams.info(job.stream)).state.messages).toBe(0);
  });

  it('keeps a job that runs longer than ackWait with heartbeats, so it runs once', async () => {
    const worker = await startWorker('slow', () => delay(ackWaitMs * 3));
    await publishJob(nc.jetstream(), job, { n: 20 });
    await eventually(async () => (await completions()).some((c) => c.n === 20), {
      what: 'the slow job',
    });
    await delay(ackWaitMs + 500);
    await worker.stop();
    expect((await completions()).filter((c) => c.n === 20)).toEqual([
      { n: 20, delivery: 1, worker: 'slow' },
    ]);
  });

  it('drains on stop: finishes jobs in hand within the deadline and hands back the rest', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const draining: Worker = await startWorker('draining', (n) => (n === 31 ? gate : delay(300)));
    await publishJob(nc.jetstream(), job, { n: 30 });
    await eventually(async () => draining.inFlight === 1 || undefined, { what: 'job 30 in hand' });
    await draining.stop({ timeoutMs: 5_000 });
    expect((await completions()).filter((c) => c.n === 30)).toEqual([
      { n: 30, delivery: 1, worker: 'draining' },
    ]);

    const stuck = await startWorker('stuck', (n) => (n === 31 ? gate : Promise.resolve()));
    await publishJob(nc.jetstream(), job, { n: 31 });
    await eventually(async () => stuck.inFlight === 1 || undefined, { what: 'job 31 in hand' });
    await stuck.stop({ timeoutMs: 200 });
    const handedBackAt = Date.now();
    release();
    const next = await startWorker('next');
    await eventually(
      async () => (await completions()).some((c) => c.n === 31 && c.worker === 'next'),
      { what: 'job 31 retaken' },
    );
    // Handed back with a nak, so the next worker had it at once instead of after ackWait.
    expect(Date.now() - handedBackAt).toBeLessThan(ackWaitMs);
    await next.stop();
    expect((await completions()).filter((c) => c.n === 31)).toEqual([
      { n: 31, delivery: 1, worker: 'stuck' },
      { n: 31, delivery: 2, worker: 'next' },
    ]);
  });
});
