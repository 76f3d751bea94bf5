import { commonServiceVariables, z } from '@microseg/config';

export const gatewayConfigSchema = z.object({
  ...commonServiceVariables,
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Query depth and cost limits: a public API must refuse queries that would fan out without bound. */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(20_000),
  /** How long an authenticated key is trusted without asking the identity service again. */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
