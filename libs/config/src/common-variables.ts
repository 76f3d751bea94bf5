import { MicroSegError } from '@microseg/errors';
import { z } from 'zod';

/** Variables every service reads; services extend this shape with their own. */
export const commonServiceVariables = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  NATS_URL: z.string().url().default('nats://127.0.0.1:4222'),
  /** This process's NATS user (each service has its own, limited to the subjects it needs)... */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  /** ...or a `.creds` file, where a deployer runs NATS with accounts and JWTs of their own. */
  NATS_CREDS_FILE: z.string().min(1).optional(),
  /**
   * The key that signs and verifies the principal on every service call: without it a NATS
   * client could speak for any group. Shared by the gateway and every service.
   */
  PRINCIPAL_SIGNING_KEY: z.string().min(32, { message: 'must be at least 32 characters (e.g. openssl rand -hex 32)' }),
  /** Keys being rotated out, comma-separated: still accepted, never used to sign. */
  PRINCIPAL_PREVIOUS_SIGNING_KEYS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter((key) => key.length > 0))
    .pipe(z.array(z.string().min(32, { message: 'each key must be at least 32 characters' }))),
  /** Port of the health, readiness and metrics endpoints; 0 picks a free one. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /**
   * Where those endpoints listen: loopback on a workstation, where nothing else should read the
   * metrics; `0.0.0.0` in a pod (the manifests set it), where kubelet and Prometheus come from outside.
   */
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** The code version recorded in provenance and health answers (the image tag or git commit). */
  MICROSEG_CODE_VERSION: z.string().min(1).default('dev'),
  /** Replicas of the JetStream streams a service creates (3 in a cluster: a lost node loses nothing). */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** How long SIGTERM may take: longer than the longest in-flight message (the pod's grace period). */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30_000),
};

export const databaseVariables = {
  DATABASE_URL: z.string().url({ message: 'must be a postgres:// URL' }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Apply this service's migrations and exit (the cluster's migration Job runs every service so). */
  MIGRATE_ONLY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
};

export const objectStoreVariables = {
  S3_ENDPOINT: z.string().url({ message: 'must be an http(s):// URL' }),
  S3_ACCESS_KEY: z.string().min(1),
  S3_SECRET_KEY: z.string().min(1),
  S3_REGION: z.string().default('us-east-1'),
  /**
   * Where callers outside the cluster reach the object store (the Ingress's objects host): the
   * presigned URLs handed to callers are signed for it. Unset: for S3_ENDPOINT.
   */
  S3_PUBLIC_ENDPOINT: z.string().url({ message: 'must be an http(s):// URL' }).optional(),
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
