import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATS_ADMIN_USER, PrincipalTokens, platformNatsUsers } from '@microseg/contracts';
import { type NatsCredentials, connectNats } from '@microseg/messaging';
import {
  type NatsServerUser,
  type S3Credentials,
  type StackLogger,
  ensureDatabase,
  readNatsInfo,
  silentStackLogger,
  startEmbeddedPostgres,
  startEmbeddedS3Server,
  startNatsServer,
} from '@microseg/local-stack';
import type { NatsConnection } from 'nats';
import pg from 'pg';

export interface TestInfrastructure {
  /** Unique per call: prefix NATS streams, subjects and buckets with it to keep runs apart. */
  runId: string;
  /** A database created for this run only (dropped by cleanup). */
  databaseUrl: string;
  /** The same server's `postgres` database, for tests that create databases of their own. */
  adminDatabaseUrl: string;
  natsUrl: string;
  s3: S3Credentials;
  /** This run's principal signing key, handed to the services it starts. */
  principalSigningKey: string;
  /** Signs principals with this run's key: for tests that call services over NATS as the gateway does. */
  principals: PrincipalTokens;
  /**
   * With `dedicatedNats`: the server admits only its users, one per service (with that service's
   * permissions) and `admin`, who may do anything and is what `connectNats` connects as.
   */
  natsCredentials?: Record<string, { user: string; password: string }>;
  /** A NATS connection to this run's server, as `admin` where the server has users. */
  connectNats: (name: string) => Promise<NatsConnection>;
  /** Drops the run's database and stops whatever was started for it. */
  cleanup: () => Promise<void>;
  /**
   * Stops this run's own nats-server (SIGTERM) and starts it again on the same port and JetStream
   * store, as a rolling restart of a NATS node does; only with `dedicatedNats`.
   */
  restartNats?: () => Promise<void>;
  /** Takes the S3 server down for `ms` (connections refused), then up again with its data. */
  s3Outage: (ms: number) => Promise<void>;
}

export interface TestInfrastructureOptions {
  logger?: StackLogger;
  /**
   * A nats-server of this run's own. Service subjects are global on a server, so two platforms
   * sharing one (tests of several developers, a bench beside a test) would answer each other's
   * requests: a platform's identity service authenticating another's keys, for one.
   */
  dedicatedNats?: boolean;
}

/** Where this machine and CI run PostgreSQL and NATS (trust auth on loopback). */
const LOCAL_POSTGRES = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const LOCAL_NATS = { host: '127.0.0.1', port: 4222 };

interface Piece<T> {
  value: T;
  stop: () => Promise<void>;
}

/**
 * Real PostgreSQL, NATS JetStream and S3 for an integration test. PostgreSQL and NATS come from
 * DATABASE_URL / NATS_URL, else the servers on their default loopback ports, else embedded ones
 * started for this call; S3 is always an s3rver in this process on a free port. Each call gets a
 * fresh database; call `cleanup` in afterAll.
 */
export async function getTestInfrastructure(
  options: TestInfrastructureOptions = {},
): Promise<TestInfrastructure> {
  const logger = options.logger ?? silentStackLogger;
  const runId = `t${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const scratch = await mkdtemp(join(tmpdir(), `microseg-${runId}-`));
  const started: Piece<unknown>[] = [];
  const stopAll = async () => {
    await Promise.allSettled(started.map((piece) => piece.stop()));
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    const postgres = await track(started, postgresServer(scratch, logger));
    const nats = await track(started, options.dedicatedNats ? ownNatsServer(scratch, logger, natsUsers()) : natsServer(scratch, logger));
    const s3 = await track(started, s3Server(scratch, logger));
    const database = `microseg_test_${runId}`;
    await ensureDatabase(postgres.value, database);
    const databaseUrl = withDatabase(postgres.value, database);
    const principalSigningKey = randomBytes(32).toString('hex');
    const admin: NatsCredentials | undefined = nats.credentials?.[NATS_ADMIN_USER];
    return {
      runId,
      databaseUrl,
      adminDatabaseUrl: postgres.value,
      natsUrl: nats.value,
      s3: s3.value,
      principalSigningKey,
      principals: new PrincipalTokens({ keys: [principalSigningKey], issuer: 'test' }),
      ...(nats.credentials ? { natsCredentials: nats.credentials } : {}),
      connectNats: (name) => connectNats({ url: nats.value, name, ...(admin ? { credentials: admin } : {}) }),
      cleanup: async () => {
        await dropDatabase(postgres.value, database);
        await stopAll();
      },
      ...(nats.restart ? { restartNats: nats.restart } : {}),
      s3Outage: s3.outage,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function track<P extends Piece<unknown>>(started: Piece<unknown>[], piece: Promise<P>): Promise<P> {
  const ready = await piece;
  started.push(ready);
  return ready;
}

const nothingToStop = async () => undefined;

async function postgresServer(scratch: string, logger: StackLogger): Promise<Piece<string>> {
  const fromEnv = process.env['DATABASE_URL'];
  if (fromEnv) return { value: withDatabase(fromEnv, 'postgres'), stop: nothingToStop };
  if (await canQuery(LOCAL_POSTGRES)) return { value: LOCAL_POSTGRES, stop: nothingToStop };
  const embedded = await startEmbeddedPostgres({ dataDir: scratch, database: 'postgres', logger });
  return { value: embedded.adminUrl, stop: embedded.stop };
}

type NatsPiece = Piece<string> & { restart?: () => Promise<void>; credentials?: Record<string, { user: string; password: string }> };

/** A user per service with the permissions of the cluster, and `admin` for the test itself. */
function natsUsers(): NatsServerUser[] {
  const password = () => randomBytes(16).toString('hex');
  return Object.entries(platformNatsUsers()).map(([user, permissions]) => ({ user, password: password(), ...(permissions ? { permissions } : {}) }));
}

async function natsServer(scratch: string, logger: StackLogger): Promise<NatsPiece> {
  const fromEnv = process.env['NATS_URL'];
  if (fromEnv) return { value: fromEnv, stop: nothingToStop };
  const local = await readNatsInfo(LOCAL_NATS.host, LOCAL_NATS.port).catch(() => undefined);
  if (local?.jetstream === true)
    return { value: `nats://${LOCAL_NATS.host}:${LOCAL_NATS.port}`, stop: nothingToStop };
  return ownNatsServer(scratch, logger);
}

async function ownNatsServer(scratch: string, logger: StackLogger, users?: NatsServerUser[]): Promise<NatsPiece> {
  let server = await startNatsServer({ dataDir: scratch, logger, ...(users ? { users } : {}) });
  return {
    value: server.natsUrl,
    ...(users ? { credentials: Object.fromEntries(users.map(({ user, password }) => [user, { user, password }])) } : {}),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      server = await startNatsServer({ dataDir: scratch, port: server.port, logger, ...(users ? { users } : {}) });
    },
  };
}

async function s3Server(scratch: string, logger: StackLogger): Promise<Piece<S3Credentials> & { outage: (ms: number) => Promise<void> }> {
  let server = await startEmbeddedS3Server({ dataDir: scratch, logger });
  const { endpoint, accessKey, secretKey, region } = server;
  return {
    value: { endpoint, accessKey, secretKey, region },
    stop: () => server.stop(),
    outage: async (ms) => {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, ms));
      server = await startEmbeddedS3Server({ dataDir: scratch, port: server.port, logger });
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // FORCE ends sessions a test forgot to close, so a leaked pool never blocks the drop.
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
