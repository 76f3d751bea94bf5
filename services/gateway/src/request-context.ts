import { toMicroSegError } from '@microseg/errors';
import type { Request } from 'express';
import { type ContextDependencies, type GatewayContext, createContext } from './context.ts';
import { requestError } from './plugins/http-status.ts';
import type { RateLimits } from './rate-limits.ts';

/**
 * The context of an HTTP GraphQL request: the caller authenticated, then counted against its
 * rate limits (its key and group, or its address without a key; wrong keys against the address's
 * budget for them). A failure is a typed GraphQL error with its HTTP status (401, 429...).
 */
export function httpRequestContext(deps: ContextDependencies, rateLimits: RateLimits) {
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      const context = await createContext(
        deps,
        {
          authorization: req.headers.authorization,
          requestId: firstHeader(req.headers['x-request-id']),
          idempotencyKey: firstHeader(req.headers['idempotency-key']),
        },
        () => rateLimits.beforeKeyLookup(address),
        { address, userAgent: req.headers['user-agent'] },
      );
      await (context.principal ? rateLimits.authenticated(context.principal) : rateLimits.anonymous(address));
      return context;
    } catch (error) {
      let failure = toMicroSegError(error);
      if (failure.code === 'UNAUTHENTICATED') failure = await rateLimits.failedAuthentication(address).then(() => failure, toMicroSegError);
      throw requestError(failure);
    }
  };
}

/** GATEWAY_TRUST_PROXY as express's `trust proxy` reads it: a hop count, true/false, or addresses and subnets. */
export function trustProxySetting(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
