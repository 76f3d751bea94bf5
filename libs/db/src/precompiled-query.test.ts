import { type CompiledQuery, type DatabaseConnection, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { precompiledQuery } from './precompiled-query.ts';

interface Database {
  images: { id: string; group_id: string; lims_id: string | null; deleted_at: Date | null };
}

/** A Kysely whose driver records each query it is asked to run and answers no rows. */
function recordingDb() {
  const ran: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery: async (query) => {
      ran.push(query);
      return { rows: [] };
    },
    streamQuery: () => {
      throw new Error('not used');
    },
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => Object.assign(new DummyDriver(), { acquireConnection: async () => connection }),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, ran };
}

const byLimsId = (db: Kysely<Database>) => (groupId: string, limsId: string) =>
  db.selectFrom('images').selectAll().where('group_id', '=', groupId).where('lims_id', '=', limsId).where('deleted_at', 'is', null);

describe('precompiledQuery', () => {
  it('runs the SQL kysely compiles, with each call’s arguments in their places', async () => {
    const { db, ran } = recordingDb();
    const find = precompiledQuery(db as Kysely<unknown>, byLimsId(db), 2);
    await find('group-a', 'S-1');
    await find('group-b', 'S-2');
    const expected = byLimsId(db)('group-b', 'S-2').compile();
    expect(ran.map((query) => [query.sql, query.parameters])).toEqual([
      [expected.sql, ['group-a', 'S-1']],
      [expected.sql, ['group-b', 'S-2']],
    ]);
  });

  it('refuses at once a query whose argument is not exactly one bound parameter', () => {
    const { db } = recordingDb();
    const inlined = (limsId: string) => db.selectFrom('images').selectAll().where(sql<boolean>`lims_id = ${sql.lit(limsId)}`);
    expect(() => precompiledQuery(db as Kysely<unknown>, inlined, 1)).toThrow(/not one bound parameter/);
    const twice = (limsId: string) => db.selectFrom('images').selectAll().where('lims_id', '=', limsId).where('group_id', '=', limsId);
    expect(() => precompiledQuery(db as Kysely<unknown>, twice, 1)).toThrow(/not one bound parameter/);
  });
});
