import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Logger, silentLogger } from './logger.ts';
import { assertSchemaName } from './schema-name.ts';

export interface CreateDbOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** The service's own schema: first on `search_path`, so unqualified table names resolve to it. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  logger?: Logger;
  /** Shown in pg_stat_activity; defaults to the schema name. */
  applicationName?: string;
  /** Per-statement limit enforced by the server (default: none). */
  statementTimeoutMs?: number;
  /** How long to wait for a free connection or a new socket (default 5 s). */
  connectionTimeoutMs?: number;
}

/**
 * A Kysely instance over a pg pool. Idle-client errors (a restarted server drops every socket)
 * are logged instead of crashing the process; the pool replaces the client on next use.
 */
export function createDb<DB>(options: CreateDbOptions): Kysely<DB> {
  const logger = options.logger ?? silentLogger;
  const startupOptions: string[] = [];
  if (options.schema !== undefined)
    startupOptions.push(`-c search_path=${assertSchemaName(options.schema)},public`);
  if (options.statementTimeoutMs !== undefined) {
    startupOptions.push(
      `-c statement_timeout=${Math.max(0, Math.floor(options.statementTimeoutMs))}`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    application_name: options.applicationName ?? options.schema ?? 'microseg',
    ...(startupOptions.length > 0 ? { options: startupOptions.join(' ') } : {}),
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
