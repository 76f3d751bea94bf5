import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { MicroSegError, isErrorCode } from '@microseg/errors';
import { redactDetails, redactInternals } from '../redact-internals.ts';

// Apollo's own codes for requests that never reached a resolver, mapped onto ours so that clients
// handle one stable set.
const APOLLO_TO_MICROSEG: Record<string, string> = {
  [ApolloServerErrorCode.GRAPHQL_PARSE_FAILED]: 'INVALID_INPUT',
  [ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED]: 'INVALID_INPUT',
  [ApolloServerErrorCode.BAD_USER_INPUT]: 'INVALID_INPUT',
  [ApolloServerErrorCode.BAD_REQUEST]: 'INVALID_INPUT',
  [ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE]: 'INVALID_INPUT',
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND]: 'NOT_FOUND',
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: 'INVALID_INPUT',
};

// graphql-js suggests fields, arguments and types close to a misspelt one ("Did you mean
// \"apiKeys\"?"): with introspection off that would hand the schema out a guess at a time.
const SUGGESTION = /\s*Did you mean .*\?$/s;

/**
 * The one place errors leave the API: a MicroSegError keeps its code, retryable flag and details;
 * anything else is INTERNAL with its message masked in production (no stack traces ever). NATS
 * subjects never leave (see redactInternals); in production neither do field suggestions.
 */
export function createErrorFormatter(options: { production: boolean; onInternal: (error: unknown) => void }) {
  const message = (text: string) => redactInternals(options.production ? text.replace(SUGGESTION, '') : text);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = microSegErrorOf(error);
    if (original) {
      if (original.code === 'INTERNAL') options.onInternal(original);
      return {
        message: original.code === 'INTERNAL' && options.production ? 'internal error' : message(original.message),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, retryable: original.retryable, details: redactDetails(original.details) },
      };
    }
    const code = formatted.extensions?.['code'];
    const apolloCode = typeof code === 'string' ? code : '';
    const mapped = APOLLO_TO_MICROSEG[apolloCode] ?? (isErrorCode(apolloCode) ? apolloCode : undefined);
    if (mapped) {
      return {
        message: message(formatted.message),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: {
          code: mapped,
          retryable: false,
          ...(formatted.extensions?.['details'] ? { details: redactDetails(formatted.extensions['details']) } : {}),
        },
      };
    }
    options.onInternal(unwrapResolverError(error));
    return {
      message: options.production ? 'internal error' : message(formatted.message),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL', retryable: false },
    };
  };
}

/** The MicroSegError behind a resolver error or a request error (requestError), if there is one. */
function microSegErrorOf(error: unknown): MicroSegError | undefined {
  const original = unwrapResolverError(error);
  if (original instanceof MicroSegError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof MicroSegError) return original.originalError;
  return undefined;
}
