import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type Kysely, createDb, migrateToLatest, sql } from '@microseg/db';
import {
  OutboxRelay,
  connectNats,
  defineEvent,
  enqueueOutbox,
  ensureStream,
  outboxMigrations,
  type OutboxDatabase,
} from '@microseg/messaging';
import type { JetStreamManager, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NatsServerProcess, databaseUrl, eventually, freePort, uniqueSuffix } from './env.ts';

const suffix = uniqueSuffix();
const schema = `msg_outbox_${suffix}`;
const stream = `TEST_OUTBOX_${suffix}`;
const datasetCreated = defineEvent({
  subject: `microseg.test${suffix}.events.dataset.created.v1`,
  schema: z.object({ datasetId: z.string() }),
});

interface ServiceDatabase extends OutboxDatabase {
  datasets: { id: string };
}

describe('transactional outbox', () => {
  let storeDir: string;
  let server: NatsServerProcess;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let db: Kysely<ServiceDatabase>;
  let relay: OutboxRelay | undefined;

  const createDataset = (id: string) =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto('datasets').values({ id }).execute();
      return enqueueOutbox(trx, datasetCreated, { datasetId: id });
    });
  const unsent = async () =>
    Number(
      (
        await db
          .selectFrom('outbox')
          .select(sql<string>`count(*)`.as('n'))
          .where('sent_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function streamMessages(): Promise<{ msgId: string; datasetId: string }[]> {
    const info = await jsm.streams.info(stream);
    const messages = [];
    for (
      let seq = info.state.first_seq;
      seq <= info.state.last_seq && info.state.messages > 0;
      seq++
    ) {
      const stored = await jsm.streams.getMessage(stream, { seq });
      messages.push({
        msgId: stored.header.get('Nats-Msg-Id'),
        datasetId: stored.json<{ datasetId: string }>().datasetId,
      });
    }
    return messages;
  }

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'microseg-outbox-nats-'));
    server = new NatsServerProcess(await freePort(), storeDir);
    await server.start();
    nc = await connectNats({ url: server.url, name: 'outbox-test', reconnectTimeWaitMs: 200 });
    jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: stream, subjects: [datasetCreated.subject] });
    db = createDb<ServiceDatabase>({ url: databaseUrl, schema, max: 4 });
    await migrateToLatest(db, {
      schema,
      migrations: {
        ...outboxMigrations,
        '0001-datasets': {
          up: (m) =>
            m.schema
              .createTable('datasets')
              .addColumn('id', 'text', (c) => c.primaryKey())
              .execute(),
        },
      },
    });
  });

  afterAll(async () => {
    await relay?.stop();
    await nc?.close();
    await server?.stop();
    await rm(storeDir, { recursive: true, force: true });
    await sql`drop schema if exists ${sql.ref(schema)} cascade`.execute(db);
    await db.destroy();
  });

  it('publishes a committed row with its row id as msg id, and never a rolled-back one', async () => {
    relay = new OutboxRelay({
      db,
      js: nc.jetstream(),
      pollIntervalMs: 50,
      maxBackoffMs: 500,
      publishTimeoutMs: 1_000,
    });
    relay.start();
    const id = await createDataset('d1');
    await db
      .transaction()
      .execute(async (trx) => {
        await enqueueOutbox(trx, datasetCreated, { datasetId: 'rolled-back' });
        throw new Error('abort the transaction');
      })
      .catch(() => undefined);
    await eventually(async () => (await unsent()) === 0, { what: 'the row to be sent' });
    await delay(300);
    expect(await streamMessages()).toEqual([{ msgId: id, datasetId: 'd1' }]);
  });

  it('keeps rows written while NATS is down and delivers them, in order, once it is back', async () => {
    await server.stop();
    const ids = [await createDataset('d2'), await createDataset('d3'), await createDataset('d4')];
    await delay(1_500);
    expect(await unsent()).toBe(3);

    await server.start();
    await eventually(async () => (await unsent()) === 0, {
      timeoutMs: 30_000,
      what: 'rows sent after the outage',
    });
    const messages = await streamMessages();
    expect(messages.slice(1)).toEqual([
      { msgId: ids[0], datasetId: 'd2' },
      { msgId: ids[1], datasetId: 'd3' },
      { msgId: ids[2], datasetId: 'd4' },
    ]);
  });

  it('lets several relays share one outbox and delivers every row', async () => {
    const others = [1, 2].map(
      () => new OutboxRelay({ db, js: nc.jetstream(), pollIntervalMs: 20, batchSize: 5 }),
    );
    others.forEach((other) => other.start());
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => createDataset(`bulk-${i}`)));
    await eventually(async () => (await unsent()) === 0, { what: 'the bulk rows' });
    await Promise.all(others.map((other) => other.stop()));
    const published = (await streamMessages()).filter((m) => m.datasetId.startsWith('bulk-'));
    expect(published.map((m) => m.msgId).sort()).toEqual([...ids].sort());
  });

  it('wakes on the commit that wrote a row: published at once, not at the next poll', async () => {
    await relay?.stop();
    // A poll of a minute: only the commit's notification can explain a prompt publish.
    const listening = new OutboxRelay({ db, js: nc.jetstream(), pollIntervalMs: 60_000, wakeOnCommit: { databaseUrl } });
    listening.start();
    try {
      await delay(500);
      for (const name of ['woken-1', 'woken-2']) {
        const id = await createDataset(name);
        await eventually(async () => (await unsent()) === 0, { timeoutMs: 10_000, what: `${name} published after its commit` });
        expect((await streamMessages()).find((m) => m.datasetId === name)?.msgId).toBe(id);
      }
    } finally {
      await listening.stop();
    }
  });
});
