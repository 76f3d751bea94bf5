import { MicroSegError } from '@microseg/errors';
import { z } from 'zod';

/** Variables every service reads; services extend this shape with their own. */
export const commonServiceVariables = {
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('`production` turns GraphQL introspection off and masks internal errors'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info').describe('pino log level'),
  NATS_URL: z
    .string()
    .url()
    .default('nats://127.0.0.1:4222')
    .describe('NATS server(s) with JetStream, comma separated (`pnpm start` runs an embedded one)'),
  NATS_USER: z
    .string()
    .min(1)
    .optional()
    .describe("this process's NATS user: each service has its own, limited to the subjects it needs (`pnpm start` hands them out)"),
  NATS_PASSWORD: z.string().min(1).optional().describe('the NATS user\'s password; set with `NATS_USER` or not at all'),
  NATS_CREDS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('a `.creds` file instead of user and password, where a deployer runs NATS with accounts and JWTs of their own'),
  PRINCIPAL_SIGNING_KEY: z
    .string()
    .min(32, { message: 'must be at least 32 characters (e.g. openssl rand -hex 32)' })
    .describe(
      "signs and verifies the caller's principal on every service call (without it a NATS client could speak for any group); shared by the gateway and every service; `pnpm start` makes one",
    ),
  PRINCIPAL_PREVIOUS_SIGNING_KEYS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter((key) => key.length > 0))
    .pipe(z.array(z.string().min(32, { message: 'each key must be at least 32 characters' })))
    .describe('keys being rotated out, comma separated: still accepted, never used to sign'),
  HTTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(0)
    .describe('port of the probes and metrics (`/healthz`, `/readyz`, `/metrics`); 0 picks a free one'),
  HTTP_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe(
      'where those endpoints listen: loopback on a workstation, where nothing else should read the metrics; `0.0.0.0` in a pod (the manifests set it), where kubelet and Prometheus come from outside',
    ),
  MICROSEG_CODE_VERSION: z
    .string()
    .min(1)
    .default('dev')
    .describe('the code version recorded in provenance and health answers (the image tag or git commit)'),
  NATS_STREAM_REPLICAS: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(1)
    .describe('replicas of every platform JetStream stream (events, jobs, audit, dead letters): 3 in a cluster, where a lost node loses nothing'),
  DRAIN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(30_000)
    .describe("how long a SIGTERM drain may take before the process exits anyway: longer than the longest in-flight message (the pod's grace period)"),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url()
    .optional()
    .describe(
      'OpenTelemetry collector (OTLP over HTTP, e.g. `http://otel-collector:4318`) that receives a trace per GraphQL request and per job, carried across NATS, the outboxes and webhook deliveries; unset: tracing is off',
    ),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe("share of new traces kept (0..1); a trace a caller started keeps the caller's sampling decision"),
};

export const databaseVariables = {
  DATABASE_URL: z
    .string()
    .url({ message: 'must be a postgres:// URL' })
    .describe('`postgres://user:pass@host:port/db`; each service uses its own schema (`pnpm start` runs an embedded PostgreSQL)'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10).describe('database connections per process'),
  MIGRATE_ONLY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true')
    .describe("`1`: apply this service's migrations and exit (the cluster's migration Job and Helm hook run every service so)"),
};

export const objectStoreVariables = {
  S3_ENDPOINT: z
    .string()
    .url({ message: 'must be an http(s):// URL' })
    .describe('S3-compatible storage (MinIO in a cluster; `pnpm start` runs an embedded S3 server with SigV4 checked, data in `.microseg/s3`)'),
  S3_ACCESS_KEY: z.string().min(1).describe('access key of that storage (`S3RVER` for the embedded one)'),
  S3_SECRET_KEY: z.string().min(1).describe('secret key of that storage (`S3RVER` for the embedded one)'),
  S3_REGION: z.string().default('us-east-1').describe('region the presigned URLs are signed for'),
  S3_PUBLIC_ENDPOINT: z
    .string()
    .url({ message: 'must be an http(s):// URL' })
    .optional()
    .describe(
      "where callers outside the cluster reach the object store (the Ingress's objects host): every presigned URL handed to callers (uploads, downloads, plots, exports, accuracy maps) is signed for it; platform services keep using `S3_ENDPOINT`. Unset: `S3_ENDPOINT`",
    ),
};

/** The NATS credentials a service's config names, in the form `connectNats` takes (none: an open server). */
export function natsCredentials(config: {
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  NATS_CREDS_FILE?: string | undefined;
}): { user: string; password: string } | { credsFile: string } | undefined {
  if (config.NATS_CREDS_FILE) return { credsFile: config.NATS_CREDS_FILE };
  if (config.NATS_USER === undefined && config.NATS_PASSWORD === undefined) return undefined;
  if (!config.NATS_USER || !config.NATS_PASSWORD) {
    throw new MicroSegError('INVALID_INPUT', 'NATS_USER and NATS_PASSWORD go together: set both or neither', {
      details: { problems: [{ variable: config.NATS_USER ? 'NATS_PASSWORD' : 'NATS_USER', problem: 'missing' }] },
    });
  }
  return { user: config.NATS_USER, password: config.NATS_PASSWORD };
}

/** The principal signing keys of a service's config: the current one first, then those being rotated out. */
export function principalSigningKeys(config: { PRINCIPAL_SIGNING_KEY: string; PRINCIPAL_PREVIOUS_SIGNING_KEYS: readonly string[] }): string[] {
  return [config.PRINCIPAL_SIGNING_KEY, ...config.PRINCIPAL_PREVIOUS_SIGNING_KEYS];
}
