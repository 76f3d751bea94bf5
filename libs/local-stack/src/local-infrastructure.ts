import { resolve } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { type S3Credentials, startEmbeddedS3Server } from './embedded-s3-server.ts';
import { ensureLocalSecrets } from './local-secrets.ts';
import { startNatsServer } from './nats-server.ts';
import { type StackLogger, silentStackLogger } from './stack-logger.ts';

/** The variables that point the platform at existing infrastructure instead of embedded servers. */
export interface InfrastructureEnvironment {
  DATABASE_URL?: string | undefined;
  NATS_URL?: string | undefined;
  S3_ENDPOINT?: string | undefined;
  S3_ACCESS_KEY?: string | undefined;
  S3_SECRET_KEY?: string | undefined;
  S3_REGION?: string | undefined;
}

export interface LocalInfrastructureOptions {
  /** Where embedded servers keep their data (`postgres/`, `nats/`, `s3/`), e.g. `.microseg`. */
  dataDir: string;
  logger?: StackLogger;
  /** Usually the process environment; a set URL means "use that, start nothing". */
  env?: InfrastructureEnvironment;
  /** Fixed ports for the embedded servers; absent or 0 picks free ones. */
  ports?: { postgres?: number; nats?: number; s3?: number };
  /** The database the embedded PostgreSQL creates; defaults to "microseg". */
  databaseName?: string;
  /**
   * The users of an embedded nats-server, each with its permissions in nats-server's config
   * shape (undefined: may do anything); their passwords are made once and kept under dataDir.
   * Absent: the embedded server lets anyone on loopback in.
   */
  natsUsers?: Readonly<Record<string, object | undefined>>;
}

export interface LocalInfrastructure {
  databaseUrl: string;
  natsUrl: string;
  s3: S3Credentials;
  /** The key that signs principals on service calls, made once and kept under dataDir. */
  principalSigningKey: string;
  /** The password of each NATS user of the embedded nats-server (absent for an external one). */
  natsCredentials?: Record<string, { user: string; password: string }>;
  /** Stops what was started here (never the external servers named by the environment). */
  stop: () => Promise<void>;
}

interface Started<T> {
  value: T;
  stop: () => Promise<void>;
}

const external = <T>(value: T): Started<T> => ({ value, stop: async () => undefined });

/**
 * PostgreSQL, NATS with JetStream and S3 for running the platform on one machine: each one the
 * environment names is used as is, the others are started locally with data under dataDir, so a
 * restart on the same dataDir finds everything again. Starts them in parallel; if one fails, the
 * others are stopped before the error is thrown.
 */
export async function startLocalInfrastructure(
  options: LocalInfrastructureOptions,
): Promise<LocalInfrastructure> {
  const logger = options.logger ?? silentStackLogger;
  const env = options.env ?? {};
  const dataDir = resolve(options.dataDir);
  const ports = options.ports ?? {};
  const natsUsers = options.natsUsers ?? {};
  const secrets = await ensureLocalSecrets(dataDir, Object.keys(natsUsers));
  const natsCredentials =
    env.NATS_URL || !options.natsUsers
      ? undefined
      : Object.fromEntries(Object.keys(natsUsers).map((user) => [user, { user, password: secrets.natsPasswords[user] as string }]));

  const results = await Promise.allSettled([
    env.DATABASE_URL
      ? Promise.resolve(external(env.DATABASE_URL))
      : startEmbeddedPostgres({
          dataDir,
          database: options.databaseName ?? 'microseg',
          port: ports.postgres,
          logger,
        }).then((pg) => ({ value: pg.databaseUrl, stop: pg.stop })),
    env.NATS_URL
      ? Promise.resolve(external(env.NATS_URL))
      : startNatsServer({
          dataDir,
          port: ports.nats,
          logger,
          ...(natsCredentials
            ? { users: Object.values(natsCredentials).map((c) => ({ ...c, ...(natsUsers[c.user] ? { permissions: natsUsers[c.user] } : {}) })) }
            : {}),
        }).then((nats) => ({
          value: nats.natsUrl,
          stop: nats.stop,
        })),
    env.S3_ENDPOINT
      ? Promise.resolve(external(externalS3(env)))
      : startEmbeddedS3Server({ dataDir, port: ports.s3, logger }).then((s3) => ({
          value: {
            endpoint: s3.endpoint,
            accessKey: s3.accessKey,
            secretKey: s3.secretKey,
            region: s3.region,
          },
          stop: s3.stop,
        })),
  ]);

  const [database, nats, s3] = results;
  if (database.status === 'rejected' || nats.status === 'rejected' || s3.status === 'rejected') {
    const running = results.filter((result) => result.status === 'fulfilled');
    await Promise.allSettled(running.map((result) => result.value.stop()));
    const failure = results.find((result) => result.status === 'rejected');
    throw (failure as PromiseRejectedResult).reason;
  }
  for (const [name, used] of [
    ['DATABASE_URL', env.DATABASE_URL],
    ['NATS_URL', env.NATS_URL],
    ['S3_ENDPOINT', env.S3_ENDPOINT],
  ] as const) {
    if (used) logger.info({ variable: name }, `using the existing server named by ${name}`);
  }

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl: database.value.value,
    natsUrl: nats.value.value,
    s3: s3.value.value,
    principalSigningKey: secrets.principalSigningKey,
    ...(natsCredentials ? { natsCredentials } : {}),
    stop: () => {
      stopping ??= Promise.allSettled([
        database.value.stop(),
        nats.value.stop(),
        s3.value.stop(),
      ]).then((outcomes) => {
        const failed = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failed) throw failed.reason;
        logger.info({}, 'local infrastructure stopped');
      });
      return stopping;
    },
  };
}

function externalS3(env: InfrastructureEnvironment): S3Credentials {
  const missing = (['S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new MicroSegError(
      'INVALID_INPUT',
      `S3_ENDPOINT is set, so ${missing.join(' and ')} must be set too`,
      {
        details: { variables: missing },
      },
    );
  }
  return {
    endpoint: env.S3_ENDPOINT ?? '',
    accessKey: env.S3_ACCESS_KEY as string,
    secretKey: env.S3_SECRET_KEY as string,
    region: env.S3_REGION || 'us-east-1',
  };
}
