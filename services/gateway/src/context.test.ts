import { type Image, PrincipalTokens } from '@microseg/contracts';
import { silentLogger } from '@microseg/logging';
import { LookupCacheReplica } from '@microseg/lookup-cache';
import type { NatsConnection } from 'nats';
import { describe, expect, it, vi } from 'vitest';
import { AuthCache } from './auth-cache.ts';
import { createContext } from './context.ts';
import { PlatformHealthView } from './platform-health.ts';

function dependencies() {
  const child = vi.fn(() => silentLogger);
  const logger = { ...silentLogger, child } as unknown as typeof silentLogger;
  const deps = {
    nc: {} as NatsConnection,
    principals: new PrincipalTokens({ keys: ['k'.repeat(32)], issuer: 'gateway' }),
    authCache: new AuthCache(1_000),
    logger,
    serviceTimeoutMs: 1_000,
    platformHealth: new PlatformHealthView(),
    imageLookups: new LookupCacheReplica<Image | null>({} as NatsConnection, 'image-lookups', { instance: 'test', ttlMs: 0, maxEntries: 1 }),
  };
  return { deps, child };
}

/** What Apollo does with the context of every operation (ApolloServer.js, cloneObject). */
const cloneAsApolloDoes = <T extends object>(context: T): T => Object.assign(Object.create(Object.getPrototypeOf(context) as object) as T, context);

describe('createContext', () => {
  it("makes the request logger only when a resolver asks for it, also in Apollo's clone", async () => {
    const { deps, child } = dependencies();
    const clone = cloneAsApolloDoes(await createContext(deps, { requestId: 'req-1' }));
    expect(child).not.toHaveBeenCalled();
    expect(clone.logger).toBe(clone.logger);
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: 'req-1' });
  });

  it("keeps the request's own values and one set of loaders in the clone", async () => {
    const { deps } = dependencies();
    const clone = cloneAsApolloDoes(await createContext(deps, { requestId: 'req-2' }));
    expect(clone).toMatchObject({ requestId: 'req-2', principal: undefined, allowedOperations: null, platformHealth: deps.platformHealth, imageLookups: deps.imageLookups });
    expect(clone.loaders).toBe(clone.loaders);
  });
});
