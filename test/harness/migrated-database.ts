import { type Kysely, type MigrateOptions, createDb, migrateToLatest } from '@microseg/db';
import { type TestInfrastructure, getTestInfrastructure } from './test-infrastructure.ts';

export interface MigratedDatabase<DB> {
  infrastructure: TestInfrastructure;
  db: Kysely<DB>;
  /** Closes the pool, drops the database and stops what was started for it (call in afterAll). */
  stop(): Promise<void>;
}

/**
 * A fresh database with one service's schema migrated to its latest version: what a medium test
 * of that service's repositories and use cases runs against (no NATS, no other services).
 */
export async function migratedDatabase<DB>(schema: string, migrations: MigrateOptions['migrations']): Promise<MigratedDatabase<DB>> {
  const infrastructure = await getTestInfrastructure();
  const db = createDb<DB>({ url: infrastructure.databaseUrl, schema });
  try {
    await migrateToLatest(db, { schema, migrations });
  } catch (error) {
    await db.destroy();
    await infrastructure.cleanup();
    throw error;
  }
  return {
    infrastructure,
    db,
    async stop() {
      await db.destroy();
      await infrastructure.cleanup();
    },
  };
}
