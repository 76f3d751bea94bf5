import type { Server } from 'node:http';
import type { Logger } from '@microseg/logging';
import type { EventContract, PayloadOf } from '@microseg/messaging';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { execute, subscribe } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { DeliverPolicy, type NatsConnection } from 'nats';
import { WebSocketServer } from 'ws';
import { type MicroSegError, toMicroSegError } from '@microseg/errors';
import { type ContextDependencies, type GatewayContext, createContext } from './context.ts';
import { rememberOperationSource, socketOperationRefusal } from './plugins/key-restrictions.ts';
import type { RateLimits } from './rate-limits.ts';
import type { SubscriptionSockets } from './subscription-sockets.ts';

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
 * Events of one contract read from a JetStream stream, from `since` on, for a subscription
 * resolver to return: an ordered consumer (ephemeral, in memory, no acks) filtered on the
 * contract's subject. Starting at a time rather than "new" means an event published while the
 * consumer was being created is still delivered. Not an async generator: a generator waiting for
 * the next event could not be returned from until one came, so a client that goes away would
 * leave its consumer behind; here `return()` stops the consumer and deletes it at once. The
 * inactivity threshold removes it if the gateway dies first.
 */
export async function streamEvents<C extends EventContract>(
  context: GatewayContext,
  stream: string,
  contract: C,
  since: Date,
  accept: (event: PayloadOf<C>) => boolean,
): Promise<AsyncIterableIterator<PayloadOf<C>>> {
  const nc = connections.get(context);
  if (!nc) throw new Error('subscriptions are served over graphql-ws only');
  const consumer = await nc.jetstream().consumers.get(stream, {
    name_prefix: 'gateway_subscription',
    filterSubjects: contract.subject,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: since.toISOString(),
    inactive_threshold: ORDERED_CONSUMER_INACTIVE_MS,
  });
  const messages = await consumer.consume({ max_messages: 64 });
  const source = messages[Symbol.asyncIterator]();
  let closed = false;
  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    if (!closed) {
      closed = true;
      messages.stop();
      await consumer.delete().catch(() => false);
    }
    return { value: undefined, done: true };
  };
  const events: AsyncIterableIterator<PayloadOf<C>> = {
    next: async () => {
      for (;;) {
        const next = await source.next();
        if (next.done) return close();
        const parsed = contract.schema.safeParse(next.value.json());
        if (parsed.success && accept(parsed.data as PayloadOf<C>)) return { value: parsed.data as PayloadOf<C>, done: false };
      }
    },
    return: close,
    [Symbol.asyncIterator]: () => events,
  };
  return events;
}

/** How long the server keeps a subscription's consumer nobody pulls from (a gateway that died). */
const ORDERED_CONSUMER_INACTIVE_MS = 60_000;

/** Close codes for a connection refused at its start: graphql-ws's, and WebSocket's "try again later". */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_TOO_MANY_REQUESTS = 4429;
const CLOSE_TRY_AGAIN_LATER = 1013;
const CLOSE_INTERNAL_ERROR = 4500;

function closeCodeOf(failure: MicroSegError): number {
  if (failure.code === 'UNAUTHENTICATED') return CLOSE_UNAUTHORIZED;
  if (failure.code === 'RATE_LIMITED') return CLOSE_TOO_MANY_REQUESTS;
  return failure.retryable ? CLOSE_TRY_AGAIN_LATER : CLOSE_INTERNAL_ERROR;
}

/**
 * GraphQL subscriptions (graphql-ws) on the HTTP server's /graphql path. The client authenticates
 * with `{ authorization: "Bearer <key>" }` as connection parameters, checked like HTTP requests;
 * every subscription needs a key, so a connection without a valid one is closed at once, and one
 * whose key stops being valid is closed by `sockets`.
 */
export function serveSubscriptions(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  nc: NatsConnection;
  contextDeps: ContextDependencies;
  logger: Logger;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  sockets: SubscriptionSockets;
  rateLimits: RateLimits;
}): { stop(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const server = useServer(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const authorization = authorizationOf(ctx.connectionParams);
        const address = ctx.extra.request.socket.remoteAddress ?? 'unknown';
        try {
          const { principal } = await createContext(options.contextDeps, { authorization }, () => options.rateLimits.beforeKeyLookup(address));
          if (!principal || !authorization) {
            socket.close(CLOSE_UNAUTHORIZED, 'subscriptions need an API key');
            return false;
          }
          await options.rateLimits.authenticated(principal);
          const forget = options.sockets.add(socket, authorization, principal);
          socket.once('close', forget);
          return true;
        } catch (error) {
          let failure = toMicroSegError(error);
          if (failure.code === 'UNAUTHENTICATED') failure = await options.rateLimits.failedAuthentication(address).then(() => failure, toMicroSegError);
          socket.close(closeCodeOf(failure), failure.code);
          return false;
        }
      },
      context: async (ctx, _id, payload) => {
        const authorization = authorizationOf(ctx.connectionParams);
        const context = await createContext(options.contextDeps, { authorization });
        connections.set(context, options.nc);
        rememberOperationSource(context, payload.query);
        return context;
      },
      // Scoped keys and trusted documents hold on the socket too (Apollo's plugins do not run here).
      execute: (args) => socketOperationRefusal(args) ?? execute(args),
      subscribe: (args) => socketOperationRefusal(args) ?? subscribe(args),
      // The same codes as over HTTP: a MicroSegError (NOT_FOUND for a resource of another group...) keeps its code.
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.warn({ errors: errors.map((e) => e.message) }, 'graphql subscription error');
        return errors.map((error) =>
          error.originalError
            ? options.formatError(error.toJSON(), error.originalError)
            : // No resolver ran: the document itself is wrong (parse or validation).
              options.formatError({ ...error.toJSON(), extensions: { code: 'INVALID_INPUT' } }, error),
        );
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) } : result,
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

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const authorization = params?.['authorization'];
  return typeof authorization === 'string' ? authorization : undefined;
}
