import { randomUUID } from 'node:crypto';
import { type AuthenticatedKey, type Group, type Image, type Principal, type PrincipalTokens, identityContracts } from '@microseg/contracts';
import { MicroSegError, unauthenticated } from '@microseg/errors';
import { type Logger, forRequest } from '@microseg/logging';
import { request } from '@microseg/messaging';
import type { LookupCacheReplica } from '@microseg/lookup-cache';
import DataLoader from 'dataloader';
import type { NatsConnection } from 'nats';
import type { AuthCache } from './auth-cache.ts';
import type { PlatformHealthView } from './platform-health.ts';
import { ServiceClient } from './service-client.ts';

export interface GatewayContext {
  requestId: string;
  logger: Logger;
  /** The caller, when the request carried a valid key. */
  principal: Principal | undefined;
  /** sha256 of the only documents the caller's key may send (null: any); see plugins/key-restrictions.ts. */
  allowedOperations: readonly string[] | null;
  /** Where the request came from, for the audit log. */
  client: ClientInfo;
  services: ServiceClient;
  loaders: { groupById: DataLoader<string, Group | null> };
  /** The services' latest health reports. */
  platformHealth: PlatformHealthView;
  /** `imageByLimsId` answers per group, kept true by the dataset service's invalidations. */
  imageLookups: LookupCacheReplica<Image | null>;
}

/** The caller, or UNAUTHENTICATED: every resolver that touches data starts here. */
export function requireCaller(context: GatewayContext): Principal {
  if (!context.principal) throw unauthenticated();
  return context.principal;
}

export interface ClientInfo {
  address: string | undefined;
  userAgent: string | undefined;
}

export interface ContextDependencies {
  nc: NatsConnection;
  principals: PrincipalTokens;
  authCache: AuthCache;
  logger: Logger;
  serviceTimeoutMs: number;
  platformHealth: PlatformHealthView;
  imageLookups: LookupCacheReplica<Image | null>;
}

export async function createContext(
  deps: ContextDependencies,
  headers: { authorization?: string | undefined; requestId?: string | undefined; idempotencyKey?: string | undefined },
  /** Runs before a key that is not cached is looked up with identity (the caller's rate limit for wrong keys). */
  beforeKeyLookup?: () => Promise<void>,
  client: ClientInfo = { address: undefined, userAgent: undefined },
): Promise<GatewayContext> {
  const requestId = headers.requestId && headers.requestId.length <= 100 ? headers.requestId : randomUUID();
  const key = await authenticate(deps, headers.authorization, beforeKeyLookup);
  const principal = key?.principal;
  const services = new ServiceClient(deps, principal, requestId, deps.serviceTimeoutMs, headers.idempotencyKey);
  return new RequestContext(deps, requestId, principal, key?.allowedOperations ?? null, client, services);
}

/**
 * A request's context, with what most requests never use (a request logger, data loaders) made
 * when first asked for: a LIMS polling one lookup needs neither, and every allocation per request
 * is paid at hundreds of requests a second. The lazy members are getters on the prototype, not
 * own properties: Apollo copies the context's own properties into a clone for every operation
 * (Object.assign, which would call own getters and so make both at once); the clone keeps the
 * prototype, so the getters still run on first use, against the clone.
 */
class RequestContext implements GatewayContext {
  private requestLogger: Logger | undefined = undefined;
  private requestLoaders: GatewayContext['loaders'] | undefined = undefined;

  constructor(
    private readonly deps: ContextDependencies,
    readonly requestId: string,
    readonly principal: Principal | undefined,
    readonly allowedOperations: readonly string[] | null,
    readonly client: ClientInfo,
    readonly services: ServiceClient,
  ) {}

  get platformHealth(): PlatformHealthView {
    return this.deps.platformHealth;
  }

  get imageLookups(): LookupCacheReplica<Image | null> {
    return this.deps.imageLookups;
  }

  get logger(): Logger {
    return (this.requestLogger ??= forRequest(this.deps.logger, this.requestId));
  }

  get loaders(): GatewayContext['loaders'] {
    const { services } = this;
    return (this.requestLoaders ??= {
      groupById: new DataLoader(async (ids) => {
        const { groups } = await services.call(identityContracts.listGroups, { ids: [...ids] });
        const byId = new Map(groups.map((group) => [group.id, group]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    });
  }
}

const MAX_API_KEY_LENGTH = 200;

/**
 * No header: an anonymous caller (only `health` and `bootstrapGroup` answer). A header that is
 * not a valid, unrevoked key: UNAUTHENTICATED for the whole request, never silently anonymous.
 */
async function authenticate(
  deps: ContextDependencies,
  authorization: string | undefined,
  beforeKeyLookup?: () => Promise<void>,
): Promise<AuthenticatedKey | undefined> {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw unauthenticated('the Authorization header must be "Bearer <api key>"');
  const apiKey = match[1];
  // Longer than any key identity issues: refused here rather than by the NATS contract (INVALID_INPUT naming a subject).
  if (apiKey.length > MAX_API_KEY_LENGTH) throw unauthenticated('invalid or revoked API key');
  const cached = deps.authCache.get(apiKey);
  if (cached) {
    const askedAfter = deps.authCache.claimRefresh(apiKey);
    if (askedAfter !== undefined) void refreshKey(deps, apiKey, askedAfter);
    return cached;
  }
  await beforeKeyLookup?.();
  const key = await request(deps.nc, identityContracts.authenticate, { apiKey }, { timeoutMs: deps.serviceTimeoutMs });
  deps.authCache.set(apiKey, key);
  return key;
}

/** Asks identity about a cached key again, off the request's path; a key it refuses is dropped at once. */
async function refreshKey(deps: ContextDependencies, apiKey: string, askedAfter: number): Promise<void> {
  try {
    deps.authCache.set(apiKey, await request(deps.nc, identityContracts.authenticate, { apiKey }, { timeoutMs: deps.serviceTimeoutMs }), askedAfter);
  } catch (error) {
    if (error instanceof MicroSegError && error.code === 'UNAUTHENTICATED') deps.authCache.delete(apiKey);
    else deps.authCache.refreshFailed(apiKey);
  }
}
