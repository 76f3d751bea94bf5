import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@microseg/logging';
import type { Histogram } from 'prom-client';
import type { GatewayContext } from '../context.ts';

/** One log line and one latency sample per operation, with its request id and outcome. */
export function requestLoggingPlugin(latency: Histogram<'operation' | 'outcome'>, logger: Logger): ApolloServerPlugin<GatewayContext> {
  // Checked on the process's logger: asking the request's would make it, only to write nothing.
  const debug = logger.isLevelEnabled('debug');
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          const ms = performance.now() - started;
          const outcome = errors?.length ? 'error' : 'ok';
          latency.observe({ operation: operationName ?? 'anonymous', outcome }, ms / 1000);
          if (debug) contextValue.logger.debug({ operation: operationName, ms: Math.round(ms), outcome }, 'graphql request');
        },
      };
    },
  };
}
