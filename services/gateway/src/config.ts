import { commonServiceVariables, z } from '@microseg/config';

/** A limit where 0 turns it off (benches that measure the raw path). */
const limit = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const gatewayConfigSchema = z.object({
  ...commonServiceVariables,
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /**
   * Express's `trust proxy` (e.g. `loopback, 10.0.0.0/8` or a hop count): behind an ingress the
   * client address that anonymous rate limits count comes from X-Forwarded-For. Unset: the socket's.
   */
  GATEWAY_TRUST_PROXY: z.string().min(1).optional(),
  /** Query depth and cost limits: a public API must refuse queries that would fan out without bound. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(20_000),
  /** Document limits checked while parsing and validating, before any resolver runs. */
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(4_000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(50),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(1).default(50),
  /** Requests per minute per API key, per group (all its keys) and per client address without a key. */
  RATE_LIMIT_KEY_PER_MINUTE: limit(60_000),
  RATE_LIMIT_GROUP_PER_MINUTE: limit(120_000),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: limit(600),
  /** How long an authenticated key is trusted without asking the identity service again. */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
