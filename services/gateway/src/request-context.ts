import { toMicroSegError } from '@microseg/errors';
import type { IncomingMessage } from 'node:http';
import proxyAddress from 'proxy-addr';
import { type ContextDependencies, type GatewayContext, createContext } from './context.ts';
import { requestError } from './plugins/http-status.ts';
import type { RateLimits } from './rate-limits.ts';

/**
 * The context of an HTTP GraphQL request: the caller authenticated, then counted against its
 * rate limits (its key and group, or its address without a key; wrong keys against the address's
 * budget for them). A failure is a typed GraphQL error with its HTTP status (401, 429...).
 */
export function httpRequestContext(deps: ContextDependencies, rateLimits: RateLimits, clientAddress: (req: IncomingMessage) => string | undefined) {
  return async (req: IncomingMessage): Promise<GatewayContext> => {
    const address = clientAddress(req) ?? 'unknown';
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

/**
 * The client address of a request, as express's `req.ip` read it: the socket's, or with
 * GATEWAY_TRUST_PROXY (a hop count, true/false, or addresses and subnets) the nearest address in
 * `X-Forwarded-For` that is not a trusted proxy.
 */
export function clientAddressOf(trustProxy: string | undefined): (req: IncomingMessage) => string | undefined {
  const trusted = trustOf(trustProxy);
  if (!trusted) return (req) => req.socket.remoteAddress;
  return (req) => proxyAddress(req, trusted);
}

/** express's compileTrust; undefined when no proxy is trusted. */
function trustOf(value: string | undefined): ((address: string, hop: number) => boolean) | undefined {
  if (value === undefined || value === 'false') return undefined;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyAddress.compile(value.split(',').map((part) => part.trim()));
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
