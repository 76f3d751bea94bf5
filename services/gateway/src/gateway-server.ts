import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { type Image, type PrincipalTokens, identityEvents } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { LookupCacheReplica } from '@microseg/lookup-cache';
import { ensurePlatformStreams } from '@microseg/service-runtime';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { NatsConnection } from 'nats';
import { Histogram, type Registry } from 'prom-client';
import { AuthCache } from './auth-cache.ts';
import { type GatewayContext, createContext } from './context.ts';
import { graphqlHttpListener } from './graphql-http.ts';
import { PlatformHealthView, watchPlatformHealth } from './platform-health.ts';
import { anonymousAccessPlugin } from './plugins/anonymous-access.ts';
import { auditPlugin } from './plugins/audit.ts';
import { documentLimits } from './plugins/document-limits.ts';
import { createErrorFormatter } from './plugins/format-error.ts';
import { httpStatusPlugin } from './plugins/http-status.ts';
import { keyRestrictionsPlugin } from './plugins/key-restrictions.ts';
import { queryCostPlugin } from './plugins/query-cost.ts';
import { tracingPlugin } from './plugins/tracing.ts';
import { traceGraphqlRequests } from './request-tracing.ts';
import { requestLoggingPlugin } from './plugins/request-logging.ts';
import { type RateLimitSettings, RateLimits } from './rate-limits.ts';
import { clientAddressOf, httpRequestContext } from './request-context.ts';
import { resolvers } from './resolvers/index.ts';
import { SubscriptionSockets } from './subscription-sockets.ts';
import { serveSubscriptions } from './subscriptions.ts';

const SCHEMA_PATH = new URL('../../../schema.graphql', import.meta.url);

export interface GatewayServerOptions {
  nc: NatsConnection;
  /** Signs the caller's principal on every service call. */
  principals: PrincipalTokens;
  logger: Logger;
  registry: Registry;
  host: string;
  port: number;
  production: boolean;
  maxDepth: number;
  maxCost: number;
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
  rateLimits: RateLimitSettings;
  /** GATEWAY_TRUST_PROXY, as express's `trust proxy` reads it: where the client address of a proxied request comes from. */
  trustProxy?: string | undefined;
  authCacheTtlMs: number;
  serviceTimeoutMs: number;
  /** The `imageByLimsId` answers this gateway keeps (see @microseg/lookup-cache); `instance` names this process to the dataset service. */
  imageLookupCache: { instance: string; ttlMs: number; maxEntries: number };
  /** NATS_STREAM_REPLICAS: replicas of the platform's streams, ensured at start (default 1). */
  streamReplicas?: number;
  /** Whether this process exports traces (OTEL_EXPORTER_OTLP_ENDPOINT); off, requests get no span (default on). */
  tracing?: boolean;
}

export interface GatewayServer {
  url: string;
  httpServer: Server;
  schema: GraphQLSchema;
  stop(): Promise<void>;
}

export function loadSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: readFileSync(SCHEMA_PATH, 'utf8'), resolvers });
}

/** The public GraphQL API on `/graphql`: Apollo on Node's HTTP server, with MicroSeg's limits and error codes. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { nc, logger } = options;
  const schema = loadSchema();
  await ensurePlatformStreams(nc, options.streamReplicas);
  const httpServer = createServer();
  const authCache = new AuthCache(options.authCacheTtlMs);
  const platformHealth = new PlatformHealthView();
  const healthReports = watchPlatformHealth(nc, platformHealth, { logger, askTimeoutMs: 2_000 });
  const imageLookups = new LookupCacheReplica<Image | null>(nc, 'image-lookups', { ...options.imageLookupCache, logger, registry: options.registry });
  imageLookups.start();
  const contextDeps = { nc, principals: options.principals, authCache, logger, serviceTimeoutMs: options.serviceTimeoutMs, platformHealth, imageLookups };
  const rateLimits = new RateLimits(options.rateLimits);
  const sockets = new SubscriptionSockets(
    async (authorization) => (await createContext(contextDeps, { authorization })).principal,
    logger,
    Math.max(options.authCacheTtlMs, 1_000),
  );
  const revocations = nc.subscribe(identityEvents.apiKeyRevoked.subject, {
    callback: (_error, msg) => {
      const parsed = identityEvents.apiKeyRevoked.schema.safeParse(safeJson(msg.data));
      if (!parsed.success) return;
      authCache.evictKey(parsed.data.keyId);
      void sockets.keyChanged(parsed.data.keyId);
    },
  });
  const latency = new Histogram({
    name: 'microseg_graphql_request_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [options.registry],
  });

  const formatError = createErrorFormatter({
    production: options.production,
    onInternal: (error) => logger.error({ err: error }, 'internal error in a GraphQL request'),
  });
  const limits = documentLimits(options);
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // One operation per request: a batch would multiply every limit below by its length.
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints in this schema: the plugin would only wrap every field's resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      anonymousAccessPlugin(),
      queryCostPlugin(schema, options.maxCost),
      httpStatusPlugin(),
      keyRestrictionsPlugin(),
      auditPlugin({ js: nc.jetstream(), logger, registry: options.registry }),
      requestLoggingPlugin(latency, logger),
      tracingPlugin(),
    ],
  });
  await apollo.start();

  const subscriptions = serveSubscriptions({ httpServer, schema, nc, contextDeps, logger, formatError, sockets, rateLimits });
  httpServer.on(
    'request',
    graphqlHttpListener(apollo, {
      path: '/graphql',
      maxBodyBytes: 1024 * 1024,
      context: httpRequestContext(contextDeps, rateLimits, clientAddressOf(options.trustProxy)),
      ...(options.tracing === false ? {} : { around: traceGraphqlRequests() }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/graphql`,
    httpServer,
    schema,
    stop: async () => {
      revocations.unsubscribe();
      healthReports.stop();
      await imageLookups.stop();
      sockets.stop();
      await subscriptions.stop();
      await apollo.stop();
    },
  };
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
