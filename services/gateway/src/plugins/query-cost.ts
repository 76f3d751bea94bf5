import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';

// Its ESM build imports graphql's .mjs files while Apollo and graphql-tools load graphql's CommonJS
// build; two graphql instances refuse each other's schema objects. The CommonJS build shares one.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof QueryComplexity;
type ComplexityEstimator = QueryComplexity.ComplexityEstimator;

/**
 * A list field costs its children times the page size asked for (`first`), so a query that asks
 * for 500 datasets with 500 images each is refused before any service is called.
 */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args['first'] === 'number' ? args['first'] : undefined;
  return first === undefined ? undefined : 1 + childComplexity * first;
};

export function queryCostPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  // Apollo hands the same parsed document to every request with the same query text, so the cost
  // of a (document, variables) pair is computed once: LIMS clients repeat a few queries all day.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined) => {
    const byVariables = costs.get(document) ?? new Map<string, number>();
    costs.set(document, byVariables);
    const key = `${operationName ?? ''}:${JSON.stringify(variables)}`;
    let cost = byVariables.get(key);
    if (cost === undefined) {
      cost = getComplexity({
        schema,
        query: document,
        variables,
        ...(operationName ? { operationName } : {}),
        estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
      });
      // Variables that differ on every request (ids, LIMS numbers) must not grow the memo without bound.
      if (byVariables.size < 100) byVariables.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = costOf(document, request.variables ?? {}, request.operationName ?? undefined);
          if (cost > maxCost) {
            throw new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages`, {
              extensions: { code: 'INVALID_INPUT', details: { cost, maxCost } },
            });
          }
        },
      };
    },
  };
}
