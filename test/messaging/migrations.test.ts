import {
  type Kysely,
  type Migration,
  createDb,
  mapDbError,
  migrateToLatest,
  sql,
  waitForDatabase,
  waitForMigrations,
} from '@microseg/db';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniqueSuffix } from './env.ts';

const schema = `msg_migrate_${uniqueSuffix()}`;

// Each migration records itself in `applied`: a second application would show up twice.
const migrations: Record<string, Migration> = {
  '0001-groups': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createTable('applied').addColumn('name', 'text').execute();
      await db.insertInto('applied').values({ name: '0001-groups' }).execute();
      // Slow enough that the other replicas arrive while this one holds the lock.
      await sql`select pg_sleep(0.3)`.execute(db);
    },
  },
  '0002-members': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('members')
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .execute();
      await db.insertInto('applied').values({ name: '0002-members' }).execute();
    },
  },
};

describe('migrations', () => {
  const replicas = Array.from({ length: 5 }, () =>
    createDb<any>({ url: databaseUrl, schema, max: 2 }),
  );
  const [first] = replicas as [Kysely<any>];

  afterAll(async () => {
    await sql`drop schema if exists ${sql.ref(schema)} cascade`.execute(first);
    await Promise.all(replicas.map((db) => db.destroy()));
  });

  it('run concurrently by several replicas apply once, into the service schema', async () => {
    await waitForDatabase(first, { timeoutMs: 10_000 });
    const results = await Promise.all(
      replicas.map((db) => migrateToLatest(db, { schema, migrations })),
    );
    expect(results.map((r) => r.applied).filter((applied) => applied.length > 0)).toEqual([
      ['0001-groups', '0002-members'],
    ]);

    const applied = await first.selectFrom('applied').select('name').orderBy('name').execute();
    expect(applied.map((row: { name: string }) => row.name)).toEqual([
      '0001-groups',
      '0002-members',
    ]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(
      first,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'applied',
      'groups',
      'kysely_migration',
      'kysely_migration_lock',
      'members',
    ]);
    expect((await migrateToLatest(first, { schema, migrations })).applied).toEqual([]);
  });

  it('map a unique violation to CONFLICT at the repository boundary', async () => {
    await first.insertInto('groups').values({ id: 'g1', name: 'lab' }).execute();
    const error = await first
      .insertInto('groups')
      .values({ id: 'g2', name: 'lab' })
      .execute()
      .catch(mapDbError);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      retryable: false,
      details: { table: 'groups' },
    });
  });

  it('report an unreachable database as retryable UNAVAILABLE after the start-up wait', async () => {
    const nowhere = createDb({
      url: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMs: 500,
    });
    const started = Date.now();
    await expect(
      waitForDatabase(nowhere, { timeoutMs: 1_000, initialDelayMs: 100 }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    await nowhere.destroy();
  });

  it('are applied by the schema owner only: a process using the schema waits for them and applies none', async () => {
    const ownerSchema = `${schema}_owned`;
    const owner = createDb<any>({ url: databaseUrl, schema: ownerSchema, max: 2 });
    const user = createDb<any>({ url: databaseUrl, schema: ownerSchema, max: 2 });
    try {
      let waited = false;
      const waiting = waitForMigrations(user, { schema: ownerSchema, migrations, pollMs: 50 }).then(() => (waited = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(waited).toBe(false);
      const exists = await sql`select to_regclass(${`${ownerSchema}.groups`}) as t`.execute(first);
      expect(exists.rows).toEqual([{ t: null }]);
      await migrateToLatest(owner, { schema: ownerSchema, migrations });
      await waiting;
      const newer = { ...migrations, '0003-newer': { up: async () => undefined } };
      await expect(waitForMigrations(user, { schema: ownerSchema, migrations: newer, timeoutMs: 200, pollMs: 50 })).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        details: { missing: ['0003-newer'] },
      });
    } finally {
      await sql`drop schema if exists ${sql.ref(ownerSchema)} cascade`.execute(first);
      await owner.destroy();
      await user.destroy();
    }
  });

  it('stop a failing migration with an error naming it, leaving nothing half-applied', async () => {
    const broken: Record<string, Migration> = {
      ...migrations,
      '0003-broken': {
        async up(db: Kysely<any>) {
          await db.schema.createTable('half').addColumn('id', 'text').execute();
          await sql`select * from no_such_table`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(first, { schema, migrations: broken })).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { schema, migration: '0003-broken' },
    });
    const half = await sql`select to_regclass(${`${schema}.half`}) as t`.execute(first);
    expect(half.rows).toEqual([{ t: null }]);
  });
});
