import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, OperationTypeNode, getOperationAST } from 'graphql';
import { operationRefusal } from '../authorization/authorize-operation.ts';
import type { GatewayContext } from '../context.ts';

/**
 * Scoped keys and trusted documents (issue 15, item 10) over HTTP: an operation with a root field
 * out of the key's scopes, or a document whose sha256 is not in the key's list, is refused with
 * FORBIDDEN before any of it runs.
 */
export function keyRestrictionsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, queryHash }) {
          if (!contextValue.principal || !operation) return;
          const refusal = operationRefusal(
            { scopes: contextValue.principal.scopes, allowedOperations: contextValue.allowedOperations },
            { document, operation, queryHash },
          );
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** The document text each graphql-ws operation's context was made for: its sha256 is what keys trust. */
const sources = new WeakMap<GatewayContext, string>();

export function rememberOperationSource(context: GatewayContext, query: string): void {
  sources.set(context, query);
}

/**
 * The same checks for graphql-ws, which runs subscriptions without Apollo's plugins: the refusal
 * as the operation's result, or undefined to let it run. Queries and mutations are refused on
 * the socket altogether: they go over HTTP, where the audit log and the limits see them.
 */
export function socketOperationRefusal(args: ExecutionArgs): ExecutionResult | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
    return { errors: [new GraphQLError('only subscriptions are served over the socket; send queries and mutations over HTTP', { extensions: { code: 'INVALID_INPUT' } })] };
  }
  const context = args.contextValue as GatewayContext;
  if (!context.principal) return undefined;
  const source = sources.get(context);
  const refusal = operationRefusal(
    { scopes: context.principal.scopes, allowedOperations: context.allowedOperations },
    { document: args.document, operation, queryHash: source === undefined ? undefined : createHash('sha256').update(source).digest('hex') },
  );
  return refusal ? { errors: [refusal] } : undefined;
}
