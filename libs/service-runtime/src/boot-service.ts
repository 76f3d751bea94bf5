import { natsCredentials, principalSigningKeys } from '@microseg/config';
import { PLATFORM_STREAMS, PrincipalTokens, type ServiceName } from '@microseg/contracts';
import { type Kysely, type Migration, createDb, migrateToLatest, waitForDatabase, waitForMigrations } from '@microseg/db';
import type { Logger } from '@microseg/logging';
import { type NatsCredentials, OutboxRelay, connectNats, ensureStream, natsConnectionState } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { ServiceRuntime, type ServiceRuntimeOptions } from './service-runtime.ts';

export interface BootServiceOptions {
  service: ServiceName;
  version: string;
  httpPort: number;
  httpHost?: string;
  natsUrl: string;
  /** This service's own NATS user (absent: a server without authorization). */
  natsCredentials?: NatsCredentials | undefined;
  /** PRINCIPAL_SIGNING_KEY first, then the keys being rotated out. */
  principalKeys: readonly string[];
  logger: Logger;
  exitOnShutdown?: boolean;
  /** NATS_STREAM_REPLICAS: replicas of the platform's streams (default 1). */
  streamReplicas?: number;
  /** DRAIN_TIMEOUT_MS: how long a SIGTERM drain may take (default 30 s). */
  drainTimeoutMs?: number;
  tracing?: ServiceRuntimeOptions['tracing'];
}

export interface BootedService {
  runtime: ServiceRuntime;
  nc: NatsConnection;
  /** Verifies the principal of every call this service answers; signs the ones it makes for stored principals. */
  principals: PrincipalTokens;
}

/**
 * The common start of a service: probes first (so `/readyz` answers "not ready" while the
 * dependencies are awaited), then NATS with retries, and the health answer once connected.
 * NATS is drained last on shutdown so in-flight replies and acks still go out.
 */
export async function bootService(options: BootServiceOptions): Promise<BootedService> {
  const runtime = new ServiceRuntime({
    service: options.service,
    version: options.version,
    httpPort: options.httpPort,
    ...(options.httpHost ? { httpHost: options.httpHost } : {}),
    logger: options.logger,
    exitOnShutdown: options.exitOnShutdown,
    drainTimeoutMs: options.drainTimeoutMs,
    ...(options.tracing ? { tracing: options.tracing } : {}),
  });
  const nats: { connection?: NatsConnection } = {};
  runtime.addReadinessCheck('nats', () => (nats.connection ? natsConnectionState(nats.connection) === 'connected' : false));
  await runtime.start();
  // Before connecting: a missing or short key must fail the start, not the first request.
  const principals = new PrincipalTokens({ keys: options.principalKeys, issuer: options.service });
  const connection = await connectNats({
    url: options.natsUrl,
    name: options.service,
    logger: options.logger,
    ...(options.natsCredentials ? { credentials: options.natsCredentials } : {}),
  });
  nats.connection = connection;
  runtime.onShutdown('nats', async () => {
    if (!connection.isClosed()) await connection.drain();
  });
  await ensurePlatformStreams(connection, options.streamReplicas);
  runtime.serveHealth(connection);
  return { runtime, nc: connection, principals };
}

/** Connects the service's database schema: waits for PostgreSQL, applies migrations, adds the readiness check. */
export async function connectServiceDatabase<DB>(
  runtime: ServiceRuntime,
  options: {
    url: string;
    schema: string;
    migrations: Record<string, Migration>;
    poolSize?: number;
    /** Migrate, then shut the process down (exit 0): for migration Jobs and pre-upgrade hooks. */
    migrateOnly?: boolean;
    /**
     * `owner` (default): this process migrates the schema. `user`: another process owns the schema
     * (the service whose worker this is); this one waits until the migrations are applied.
     */
    schemaRole?: 'owner' | 'user';
  },
): Promise<Kysely<DB>> {
  const db = createDb<DB>({ url: options.url, schema: options.schema, max: options.poolSize, logger: runtime.logger });
  let ready = false;
  runtime.addReadinessCheck('database', () => ready);
  await waitForDatabase(db as Kysely<unknown>, { logger: runtime.logger });
  if (options.schemaRole === 'user') await waitForMigrations(db, { schema: options.schema, migrations: options.migrations, logger: runtime.logger });
  else await migrateToLatest(db, { schema: options.schema, migrations: options.migrations, logger: runtime.logger });
  ready = true;
  runtime.onShutdown('database', () => db.destroy());
  if (options.migrateOnly) {
    runtime.logger.info({ schema: options.schema }, 'migrations done (MIGRATE_ONLY), exiting');
    await runtime.shutdown();
  }
  return db;
}

/**
 * Brings every stream of the platform (PLATFORM_STREAMS, one declaration) to the wanted
 * settings: each service does it at start with the same NATS_STREAM_REPLICAS, so whichever
 * starts first or last, a stream ends with the same replicas.
 */
export async function ensurePlatformStreams(nc: NatsConnection, replicas = 1): Promise<void> {
  const jsm = await nc.jetstreamManager();
  for (const stream of PLATFORM_STREAMS) {
    await ensureStream(jsm, {
      name: stream.name,
      subjects: [...stream.subjects],
      retention: stream.retention,
      ...(stream.maxAgeSeconds === undefined ? {} : { maxAgeMs: stream.maxAgeSeconds * 1_000 }),
      ...(stream.duplicateWindowSeconds === undefined ? {} : { duplicateWindowMs: stream.duplicateWindowSeconds * 1_000 }),
      replicas,
    });
  }
}

/** The variables every service with a database reads (commonServiceVariables + databaseVariables). */
export interface ServiceWithDatabaseConfig {
  MICROSEG_CODE_VERSION: string;
  HTTP_PORT: number;
  HTTP_HOST: string;
  NATS_URL: string;
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  NATS_CREDS_FILE?: string | undefined;
  PRINCIPAL_SIGNING_KEY: string;
  PRINCIPAL_PREVIOUS_SIGNING_KEYS: string[];
  NATS_STREAM_REPLICAS: number;
  DRAIN_TIMEOUT_MS: number;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  MIGRATE_ONLY: boolean;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_TRACES_SAMPLER_ARG?: number | undefined;
}

/**
 * bootService + connectServiceDatabase from the service's parsed config, so that every service
 * honours the same variables (stream replicas, drain deadline, pool size, MIGRATE_ONLY) the same way.
 */
export async function bootServiceWithDatabase<DB>(options: {
  service: ServiceName;
  config: ServiceWithDatabaseConfig;
  logger: Logger;
  schema: string;
  migrations: Record<string, Migration>;
  exitOnShutdown?: boolean;
  poolSize?: number;
  /** See connectServiceDatabase: `user` for a process in a schema its service migrates. */
  schemaRole?: 'owner' | 'user';
}): Promise<BootedService & { db: Kysely<DB> }> {
  const { config } = options;
  const booted = await bootService({
    service: options.service,
    version: config.MICROSEG_CODE_VERSION,
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
    natsUrl: config.NATS_URL,
    natsCredentials: natsCredentials(config),
    principalKeys: principalSigningKeys(config),
    logger: options.logger,
    streamReplicas: config.NATS_STREAM_REPLICAS,
    drainTimeoutMs: config.DRAIN_TIMEOUT_MS,
    tracing: { otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: config.OTEL_TRACES_SAMPLER_ARG },
    ...(options.exitOnShutdown === undefined ? {} : { exitOnShutdown: options.exitOnShutdown }),
  });
  const db = await connectServiceDatabase<DB>(booted.runtime, {
    url: config.DATABASE_URL,
    schema: options.schema,
    migrations: options.migrations,
    poolSize: options.poolSize ?? config.DATABASE_POOL_SIZE,
    migrateOnly: config.MIGRATE_ONLY,
    ...(options.schemaRole ? { schemaRole: options.schemaRole } : {}),
  });
  return { ...booted, db };
}

/**
 * The service's outbox relay, started and stopped with it. Woken by the commits that write its
 * outbox (LISTEN/NOTIFY), so an event leaves within milliseconds instead of at the next poll: the
 * pipeline crosses three outboxes between an upload and its measurement.
 */
export function startOutboxRelay(booted: BootedService & { db: Kysely<any> }, config: Pick<ServiceWithDatabaseConfig, 'DATABASE_URL'>, logger: Logger): OutboxRelay {
  const relay = new OutboxRelay({ db: booted.db, js: booted.nc.jetstream(), logger, wakeOnCommit: { databaseUrl: config.DATABASE_URL } });
  relay.start();
  booted.runtime.onShutdown('outbox relay', () => relay.stop());
  return relay;
}
