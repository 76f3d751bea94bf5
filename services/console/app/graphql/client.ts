import { Client, type CombinedError, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';

export const GRAPHQL_PATH = '/graphql';

/** The gateway through the console server (same origin), authenticated with the key. */
export function createGraphqlClient(apiKey: string, onUnauthenticated: () => void): Client {
  return new Client({
    url: GRAPHQL_PATH,
    // POST only: the gateway's CSRF guard refuses simple GET requests.
    preferGetMethod: false,
    fetchOptions: { headers: { authorization: `Bearer ${apiKey}` } },
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({ forwardSubscription: liveUpdates(apiKey) }),
    ],
  });
}

/**
 * Subscriptions over graphql-ws on the same /graphql URL; the gateway reads the key from the
 * connection parameters. Lazy: the socket opens with the first subscription and closes after the last.
 */
function liveUpdates(apiKey: string) {
  const ws = createWsClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`,
    connectionParams: { authorization: `Bearer ${apiKey}` },
  });
  return (request: { query?: string | undefined; variables?: Record<string, unknown> | undefined }) => ({
    subscribe(sink: { next(value: never): void; error(error: unknown): void; complete(): void }) {
      const unsubscribe = ws.subscribe({ query: request.query ?? '', variables: request.variables ?? {} }, sink);
      return { unsubscribe };
    },
  });
}

export function isUnauthenticated(error: CombinedError): boolean {
  const response = error.response as Response | undefined;
  return error.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHENTICATED') || response?.status === 401;
}
