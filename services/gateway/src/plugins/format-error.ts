import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { MicroSegError, isErrorCode } from '@microseg/errors';

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

/**
 * The one place errors leave the API: a MicroSegError keeps its code, retryable flag and details;
 * anything else is INTERNAL with its message masked in production (no stack traces ever).
 */
export function createErrorFormatter(options: { production: boolean; onInternal: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof MicroSegError) {
      if (original.code === 'INTERNAL') options.onInternal(original);
      return {
        message: original.code === 'INTERNAL' && options.production ? 'internal error' : original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, retryable: original.retryable, details: original.details },
      };
    }
    const code = formatted.extensions?.['code'];
    const apolloCode = typeof code === 'string' ? code : '';
    const mapped = APOLLO_TO_MICROSEG[apolloCode] ?? (isErrorCode(apolloCode) ? apolloCode : undefined);
    if (mapped) {
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: mapped, retryable: false, ...(formatted.extensions?.['details'] ? { details: formatted.extensions['details'] } : {}) },
      };
    }
    options.onInternal(original);
    return {
      message: options.production ? 'internal error' : formatted.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL', retryable: false },
    };
  };
}
