import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
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
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName ? { operationName: request.operationName } : {}),
            estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
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
