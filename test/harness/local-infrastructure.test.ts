import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startEmbeddedPostgres,
  startLocalInfrastructure,
  startNatsServer,
} from '@microseg/local-stack';
import { createObjectStore } from '@microseg/storage';
import { connect } from 'nats';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { getTestInfrastructure } from './index.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const scratchDirs: string[] = [];

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'microseg-stack-'));
  scratchDirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('starts, stops and restarts on the same data directory with the data kept', async () => {
    const dataDir = await scratch();
    const first = await startEmbeddedPostgres({ dataDir, database: 'microseg', logger: silent });
    try {
      await withClient(first.databaseUrl, async (client) => {
        await client.query('CREATE TABLE kept (id int PRIMARY KEY, label text)');
        await client.query("INSERT INTO kept VALUES (1, 'survives a restart')");
      });
    } finally {
      await first.stop();
    }
    await expect(
      withClient(first.databaseUrl, (client) => client.query('SELECT 1')),
    ).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir, database: 'microseg', logger: silent });
    try {
      const rows = await withClient(
        second.databaseUrl,
        async (client) => (await client.query<{ label: string }>('SELECT label FROM kept')).rows,
      );
      expect(rows).toEqual([{ label: 'survives a restart' }]);
    } finally {
      await second.stop();
    }
  });
});

describe('nats-server', () => {
  it('starts with JetStream and keeps streams across a restart', async () => {
    const dataDir = await scratch();
    const first = await startNatsServer({ dataDir, logger: silent });
    try {
      const nc = await connect({ servers: first.natsUrl });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'STACK_TEST', subjects: ['stack.test.>'] });
      await nc.jetstream().publish('stack.test.kept', new TextEncoder().encode('persisted'));
      await nc.close();
    } finally {
      await first.stop();
    }
    const second = await startNatsServer({ dataDir, logger: silent });
    try {
      const nc = await connect({ servers: second.natsUrl });
      const info = await (await nc.jetstreamManager()).streams.info('STACK_TEST');
      expect(info.state.messages).toBe(1);
      await nc.close();
    } finally {
      await second.stop();
    }
  });
});

describe('startLocalInfrastructure', () => {
  it('starts all three servers embedded and finds every piece of data again after a restart', async () => {
    const dataDir = await scratch();
    const first = await startLocalInfrastructure({ dataDir, logger: silent });
    try {
      await withClient(first.databaseUrl, (client) =>
        client.query('CREATE TABLE kept (note text)'),
      );
      const nc = await connect({ servers: first.natsUrl });
      await (await nc.jetstreamManager()).streams.add({ name: 'KEPT', subjects: ['kept.>'] });
      await nc.close();
      const store = createObjectStore({ url: first.s3.endpoint, ...first.s3 });
      await store.ensureBucket('kept');
      await store.putObject('kept', 'object', Buffer.from('on disk'));
    } finally {
      await first.stop();
    }

    const second = await startLocalInfrastructure({ dataDir, logger: silent });
    try {
      const table = await withClient(
        second.databaseUrl,
        async (client) =>
          (await client.query<{ t: string | null }>("SELECT to_regclass('kept')::text AS t"))
            .rows[0]?.t,
      );
      expect(table).toBe('kept');
      const nc = await connect({ servers: second.natsUrl });
      expect((await (await nc.jetstreamManager()).streams.info('KEPT')).config.name).toBe('KEPT');
      await nc.close();
      const store = createObjectStore({ url: second.s3.endpoint, ...second.s3 });
      expect((await store.statObject('kept', 'object')).size).toBe(7);
    } finally {
      await second.stop();
    }
  });

  it('uses servers named by the environment and starts only the rest', async () => {
    const dataDir = await scratch();
    const infra = await startLocalInfrastructure({
      dataDir,
      logger: silent,
      env: {
        DATABASE_URL: 'postgres://someone@db.example:5432/microseg',
        NATS_URL: 'nats://nats.example:4222',
      },
    });
    try {
      expect(infra.databaseUrl).toBe('postgres://someone@db.example:5432/microseg');
      expect(infra.natsUrl).toBe('nats://nats.example:4222');
      const store = createObjectStore({
        url: infra.s3.endpoint,
        accessKey: infra.s3.accessKey,
        secretKey: infra.s3.secretKey,
      });
      await store.ensureBucket('kept');
      await store.putObject('kept', 'object', Buffer.from('on disk'));
    } finally {
      await infra.stop();
    }
    const again = await startLocalInfrastructure({
      dataDir,
      logger: silent,
      env: { DATABASE_URL: 'postgres://x@h/db', NATS_URL: 'nats://h:1' },
    });
    try {
      const store = createObjectStore({
        url: again.s3.endpoint,
        accessKey: again.s3.accessKey,
        secretKey: again.s3.secretKey,
      });
      expect((await store.statObject('kept', 'object')).size).toBe(7);
    } finally {
      await again.stop();
    }
  });

  it('refuses an S3_ENDPOINT without its keys, naming the missing variables', async () => {
    await expect(
      startLocalInfrastructure({
        dataDir: await scratch(),
        logger: silent,
        env: {
          DATABASE_URL: 'postgres://x@h/db',
          NATS_URL: 'nats://h:1',
          S3_ENDPOINT: 'http://minio:9000',
        },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { variables: ['S3_ACCESS_KEY', 'S3_SECRET_KEY'] },
    });
  });
});

describe('getTestInfrastructure', () => {
  it('gives each run its own database and drops it on cleanup', async () => {
    const infra = await getTestInfrastructure();
    const database = new URL(infra.databaseUrl).pathname.slice(1);
    expect(database).toContain(infra.runId);
    await withClient(infra.databaseUrl, (client) => client.query('CREATE TABLE mine (id int)'));
    await infra.cleanup();
    const remaining = await withClient(
      infra.adminDatabaseUrl,
      async (client) =>
        (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount,
    );
    expect(remaining).toBe(0);
  });
});
