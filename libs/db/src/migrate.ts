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

export interface WaitForMigrationsOptions extends MigrateOptions {
  /** Default 120 s: a migration Job or the owning service may be slow to start. */
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * For a process that works in a schema another process migrates (the training worker in the
 * training service's schema): waits until every one of `migrations` is applied there, and never
 * applies one itself. A schema has one owner, so a worker of an older or newer build can never
 * migrate it behind its service's back. Times out as UNAVAILABLE naming what is still missing.
 */
export async function waitForMigrations(db: Kysely<any>, options: WaitForMigrationsOptions): Promise<void> {
  const schema = assertSchemaName(options.schema);
  const wanted = Object.keys(options.migrations);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let missing = wanted;
  let logged = false;
  for (;;) {
    const applied = await sql<{ name: string }>`select name from ${sql.id(schema, 'kysely_migration')}`.execute(db).then(
      (result) => new Set(result.rows.map((row) => row.name)),
      // No migration table yet: the owner has not started.
      () => new Set<string>(),
    );
    missing = wanted.filter((name) => !applied.has(name));
    if (missing.length === 0) return;
    if (Date.now() >= deadline) {
      throw new MicroSegError('UNAVAILABLE', `schema ${schema} lacks migrations ${missing.join(', ')}: its owner has not applied them`, {
        details: { schema, missing },
      });
    }
    if (!logged) (options.logger ?? silentLogger).info({ schema, missing }, 'waiting for the schema owner to migrate');
    logged = true;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
