import type { Server } from 'node:http';
import type { Logger } from '@microseg/logging';
import type { EventContract, PayloadOf } from '@microseg/messaging';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { NatsConnection } from 'nats';
import { WebSocketServer } from 'ws';
import { type ContextDependencies, type GatewayContext, createContext } from './context.ts';

/** The NATS connection behind a subscription's context: subscription resolvers read events from it. */
const connections = new WeakMap<GatewayContext, NatsConnection>();

/**
 * Events of one contract as an async iterator for a subscription resolver: those `accept` lets
 * through, until one for which `last` holds (it is yielded too) or the client goes away.
 */
export async function* subscriptionEvents<C extends EventContract>(
  context: GatewayContext,
  contract: C,
  accept: (event: PayloadOf<C>) => boolean,
  last: (event: PayloadOf<C>) => boolean = () => false,
): AsyncGenerator<PayloadOf<C>> {
  const nc = connections.get(context);
  if (!nc) throw new Error('subscriptions are served over graphql-ws only');
  const subscription = nc.subscribe(contract.subject);
  try {
    for await (const message of subscription) {
      const parsed = contract.schema.safeParse(message.json());
      if (!parsed.success) continue;
      const event = parsed.data as PayloadOf<C>;
      if (!accept(event)) continue;
      yield event;
      if (last(event)) return;
    }
  } finally {
    subscription.unsubscribe();
  }
}

/**
 * GraphQL subscriptions (graphql-ws) on the HTTP server's /graphql path. The client authenticates
 * with `{ authorization: "Bearer <key>" }` as connection parameters, checked like HTTP requests.
 */
export function serveSubscriptions(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  nc: NatsConnection;
  contextDeps: ContextDependencies;
  logger: Logger;
}): { stop(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const server = useServer(
    {
      schema: options.schema,
      context: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params['authorization'] === 'string' ? params['authorization'] : undefined;
        const context = await createContext(options.contextDeps, { authorization });
        connections.set(context, options.nc);
        return context;
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.warn({ errors: errors.map((e) => e.message) }, 'graphql subscription error');
      },
    },
    wss,
  );
  return {
    stop: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
