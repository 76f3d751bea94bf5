import { commonServiceVariables, z } from '@microseg/config';

/** A limit where 0 turns it off (benches that measure the raw path). */
const limit = (fallback: number, description: string) => z.coerce.number().int().min(0).default(fallback).describe(description);

export const gatewayConfigSchema = z.object({
  ...commonServiceVariables,
  GATEWAY_HOST: z.string().default('127.0.0.1').describe('where the GraphQL API listens'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('port of the GraphQL API (HTTP and graphql-ws)'),
  GATEWAY_TRUST_PROXY: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Express's `trust proxy` (e.g. `loopback, 10.0.0.0/8` or a hop count): behind an ingress the client address that anonymous rate limits count comes from `X-Forwarded-For`; unset: the socket's",
    ),
  GRAPHQL_MAX_DEPTH: z.coerce
    .number()
    .int()
    .min(2)
    .max(50)
    .default(12)
    .describe('deepest query accepted: a public API must refuse queries that would fan out without bound'),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(20_000).describe('costliest query accepted (a list costs its children times `first`)'),
  GRAPHQL_MAX_TOKENS: z.coerce
    .number()
    .int()
    .min(100)
    .default(4_000)
    .describe('tokens per document, checked while parsing, before any resolver runs (INVALID_INPUT, HTTP 400)'),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(50).describe('aliases per document, checked while validating (INVALID_INPUT, HTTP 400)'),
  GRAPHQL_MAX_DIRECTIVES: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('directives per document, checked while validating (INVALID_INPUT, HTTP 400)'),
  RATE_LIMIT_KEY_PER_MINUTE: limit(60_000, 'requests per minute per API key; over it `RATE_LIMITED`, HTTP 429 with `Retry-After`; 0: no limit'),
  RATE_LIMIT_GROUP_PER_MINUTE: limit(120_000, 'requests per minute per group (all its keys together); 0: no limit'),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: limit(600, 'requests per minute per client address without a key (wrong keys count there too); 0: no limit'),
  AUTH_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(5_000)
    .describe(
      'how long an authenticated key is trusted without asking the identity service again; also how often open subscription sockets have their key checked again (at least every second)',
    ),
  IMAGE_LOOKUP_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(5_000)
    .describe(
      "longest an `imageByLimsId` answer (a LIMS's poll) is kept in this gateway's memory. The dataset service acknowledges a change only after every gateway has dropped the group's answers, or after this long when one does not confirm; 0: every lookup asks the dataset service",
    ),
  IMAGE_LOOKUP_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(50_000).describe('most `imageByLimsId` answers kept in this gateway\'s memory'),
  SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000).describe('timeout of each request to a service over NATS'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
