import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type ErrorCode, type MicroSegError, isErrorCode } from '@microseg/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The HTTP status of a response that carries no data, by the code of its first error. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/**
 * A response without data (refused before execution, or every root field failed) answers the
 * HTTP status of its error, so proxies, rate-limit aware clients and logs see 4xx for a caller's
 * mistake; a partial result stays 200 as GraphQL over HTTP has it. Apollo alone answers 500 for
 * anything a plugin refuses before execution.
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const first = errors?.[0];
          if (data != null || !first) return;
          const code = first.extensions?.['code'];
          if (!isErrorCode(code)) return;
          response.http.status = HTTP_STATUS[code];
          const retryAfter = retryAfterOf(first);
          if (retryAfter !== undefined) response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}

function retryAfterOf(error: GraphQLFormattedError): number | undefined {
  const details = error.extensions?.['details'] as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
}

/**
 * A failure before Apollo's request pipeline (context creation: authentication, rate limits) as
 * the GraphQL error Apollo answers with its status and Retry-After header; the error formatter
 * finds the MicroSegError as its original.
 */
export function requestError(failure: MicroSegError): GraphQLError {
  const headers = new HeaderMap();
  const retryAfter = failure.details['retryAfterSeconds'];
  if (typeof retryAfter === 'number') headers.set('retry-after', String(retryAfter));
  return new GraphQLError(failure.message, {
    originalError: failure,
    extensions: { code: failure.code, http: { status: HTTP_STATUS[failure.code], headers } },
  });
}
