import { z } from 'zod';

/** Variables every service reads; services extend this shape with their own. */
export const commonServiceVariables = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  NATS_URL: z.string().url().default('nats://127.0.0.1:4222'),
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
};
