import type { ApolloServerPlugin } from '@apollo/server';
import { activeSpan } from '@microseg/telemetry';
import type { GatewayContext } from '../context.ts';

/** Names the request's span after its operation and records the outcome's error codes (never messages). */
export function tracingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const span = activeSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          span.updateName(`graphql ${type} ${operationName ?? 'anonymous'}`);
          span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operationName ?? 'anonymous' });
        },
        async willSendResponse({ errors }) {
          const codes = [...new Set((errors ?? []).map((error) => (typeof error.extensions?.['code'] === 'string' ? error.extensions['code'] : 'INTERNAL')))];
          if (codes.length > 0) span.setStatus({ code: 2, message: codes.join(',') });
        },
      };
    },
  };
}
