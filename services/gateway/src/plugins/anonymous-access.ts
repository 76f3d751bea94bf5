import type { ApolloServerPlugin } from '@apollo/server';
import { unauthenticated } from '@microseg/errors';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context.ts';

/** All a caller without a key needs: whether the platform is up, and the first group of a platform. */
const ANONYMOUS_FIELDS: Readonly<Record<string, 'query' | 'mutation'>> = { health: 'query', bootstrapGroup: 'mutation' };

/**
 * A request without a key may ask for each allowlisted root field once, nothing else: anything
 * more is UNAUTHENTICATED before a resolver runs. Otherwise a thousand aliases of `health`, each a
 * fan-out to every service, cost the platform what an authenticated LIMS is waiting for.
 */
export function anonymousAccessPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.principal) return;
      return {
        async didResolveOperation({ operation }) {
          const refusal = operation ? anonymousRefusal(operation) : undefined;
          if (refusal) throw unauthenticated(`a valid API key is required: ${refusal}`);
        },
      };
    },
  };
}

/** Why an operation is not for anonymous callers, or undefined when it is. */
export function anonymousRefusal(operation: OperationDefinitionNode): string | undefined {
  const seen = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return 'fragments at the root need a key';
    const name = selection.name.value;
    if (name === '__typename') continue;
    if (ANONYMOUS_FIELDS[name] !== operation.operation) return `${name} needs a key`;
    if (seen.has(name)) return `${name} may be asked once per request without a key`;
    seen.add(name);
  }
  return undefined;
}
