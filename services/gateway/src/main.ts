import { loadConfigOrExit, natsCredentials, principalSigningKeys } from '@microseg/config';
import { PrincipalTokens } from '@microseg/contracts';
import { createLogger } from '@microseg/logging';
import { connectNats, natsConnectionState } from '@microseg/messaging';
import { ServiceRuntime } from '@microseg/service-runtime';
import { gatewayConfigSchema } from './config.ts';
import { startGatewayServer } from './gateway-server.ts';

const config = loadConfigOrExit(gatewayConfigSchema);
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
const runtime = new ServiceRuntime({
  service: 'gateway',
  version: config.MICROSEG_CODE_VERSION,
  httpPort: config.HTTP_PORT,
  httpHost: config.HTTP_HOST,
  logger,
  tracing: { otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: config.OTEL_TRACES_SAMPLER_ARG },
});
const principals = new PrincipalTokens({ keys: principalSigningKeys(config), issuer: 'gateway' });
const credentials = natsCredentials(config);
const nc = await connectNats({ url: config.NATS_URL, name: 'gateway', logger, ...(credentials ? { credentials } : {}) });
runtime.addReadinessCheck('nats', () => natsConnectionState(nc) === 'connected');
runtime.onShutdown('nats', () => nc.drain());
await runtime.start();

const gateway = await startGatewayServer({
  nc,
  principals,
  logger,
  registry: runtime.registry,
  host: config.GATEWAY_HOST,
  port: config.GATEWAY_PORT,
  production: config.NODE_ENV === 'production',
  maxDepth: config.GRAPHQL_MAX_DEPTH,
  maxCost: config.GRAPHQL_MAX_COST,
  maxTokens: config.GRAPHQL_MAX_TOKENS,
  maxAliases: config.GRAPHQL_MAX_ALIASES,
  maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
  rateLimits: {
    keyPerMinute: config.RATE_LIMIT_KEY_PER_MINUTE,
    groupPerMinute: config.RATE_LIMIT_GROUP_PER_MINUTE,
    anonymousPerMinute: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
  },
  trustProxy: config.GATEWAY_TRUST_PROXY,
  authCacheTtlMs: config.AUTH_CACHE_TTL_MS,
  serviceTimeoutMs: config.SERVICE_TIMEOUT_MS,
  imageLookupCache: { instance: runtime.instance, ttlMs: config.IMAGE_LOOKUP_CACHE_TTL_MS, maxEntries: config.IMAGE_LOOKUP_CACHE_MAX_ENTRIES },
  streamReplicas: config.NATS_STREAM_REPLICAS,
  tracing: runtime.tracing.enabled,
});
runtime.onShutdown('graphql server', () => gateway.stop());
runtime.markStarted();
logger.info({ url: gateway.url }, 'gateway ready');
