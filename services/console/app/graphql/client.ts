import { Client, type CombinedError, cacheExchange, fetchExchange, mapExchange } from '@urql/core';

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
    ],
  });
}

export function isUnauthenticated(error: CombinedError): boolean {
  const response = error.response as Response | undefined;
  return error.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHENTICATED') || response?.status === 401;
}
