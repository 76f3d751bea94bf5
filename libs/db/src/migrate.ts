import { MicroSegError } from '@microseg/errors';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { type Logger, silentLogger } from './logger.ts';
import { assertSchemaName } from './schema-name.ts';

export interface MigrateOptions {
  /** The service's schema: created if missing, holds the migration tables and, by default, the migrated tables. */
  schema: string;
  /** Migrations by name; names are applied in lexical order (prefix them `0001-...`). */
  migrations: Record<string, Migration>;
  logger?: Logger;
}

export interface MigrateResult {
  applied: string[];
}

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

// Each migration runs inside the migrator's transaction; SET LOCAL scopes the search_path to it, so
// migrations write unqualified names and still land in the service schema whatever the pool's
// search_path is.
function scopedToSchema(schema: string, migration: Migration): Migration {
  const setPath = (db: Kysely<any>) =>
    sql`set local search_path to ${sql.raw(schema)}, public`.execute(db);
  return {
    up: async (db) => {
      await setPath(db);
      await migration.up(db);
    },
    ...(migration.down
      ? {
          down: async (db: Kysely<any>) => {
            await setPath(db);
            await migration.down?.(db);
          },
        }
      : {}),
  };
}

/**
 * Applies every pending migration of one service schema. Kysely's migrator serialises concurrent
 * runs with a PostgreSQL advisory lock and runs them in one transaction, so many replicas may call
 * this at start-up: one applies, the others find nothing left to do.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  options: MigrateOptions,
): Promise<MigrateResult> {
  const schema = assertSchemaName(options.schema);
  const logger = options.logger ?? silentLogger;
  const scoped = Object.fromEntries(
    Object.entries(options.migrations).map(([name, migration]) => [
      name,
      scopedToSchema(schema, migration),
    ]),
  );
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrations(scoped),
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined) {
    throw new MicroSegError(
      'INTERNAL',
      `migration of schema ${schema} failed${failed ? ` at ${failed.migrationName}` : ''}`,
      {
        cause: error,
        details: { schema, migration: failed?.migrationName },
      },
    );
  }
  const applied = results
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
  if (applied.length > 0) logger.info({ schema, applied }, 'migrations applied');
  return { applied };
}
