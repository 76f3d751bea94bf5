import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { type PrincipalTokens, identityEvents } from '@microseg/contracts';
import { toMicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { NatsConnection } from 'nats';
import { Histogram, type Registry } from 'prom-client';
import { AuthCache } from './auth-cache.ts';
import { type GatewayContext, createContext } from './context.ts';
import { createErrorFormatter } from './plugins/format-error.ts';
import { queryCostPlugin } from './plugins/query-cost.ts';
import { requestLoggingPlugin } from './plugins/request-logging.ts';
import { resolvers } from './resolvers/index.ts';
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
  authCacheTtlMs: number;
  serviceTimeoutMs: number;
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

/** The public GraphQL API on `/graphql`: Apollo behind express, with MicroSeg's limits and error codes. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { nc, logger } = options;
  const schema = loadSchema();
  const app = express();
  const httpServer = createServer(app);
  const authCache = new AuthCache(options.authCacheTtlMs);
  const revocations = nc.subscribe(identityEvents.apiKeyRevoked.subject, {
    callback: (_error, msg) => {
      const parsed = identityEvents.apiKeyRevoked.schema.safeParse(safeJson(msg.data));
      if (parsed.success) authCache.evictKey(parsed.data.keyId);
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
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: [maxDepthRule({ n: options.maxDepth })],
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      queryCostPlugin(schema, options.maxCost),
      requestLoggingPlugin(latency),
    ],
  });
  await apollo.start();

  const contextDeps = { nc, principals: options.principals, authCache, logger, serviceTimeoutMs: options.serviceTimeoutMs };
  const subscriptions = serveSubscriptions({ httpServer, schema, nc, contextDeps, logger, formatError });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await createContext(contextDeps, {
            authorization: req.headers.authorization,
            requestId: firstHeader(req.headers['x-request-id']),
            idempotencyKey: firstHeader(req.headers['idempotency-key']),
          });
        } catch (error) {
          const failure = toMicroSegError(error);
          const status = failure.code === 'UNAUTHENTICATED' ? 401 : failure.retryable ? 503 : 500;
          throw new GraphQLError(failure.message, {
            extensions: { code: failure.code, retryable: failure.retryable, details: failure.details, http: { status } },
          });
        }
      },
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
      await subscriptions.stop();
      await apollo.stop();
    },
  };
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
