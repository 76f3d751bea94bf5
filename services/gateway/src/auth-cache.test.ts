import { describe, expect, it } from 'vitest';
import { AuthCache } from './auth-cache.ts';

const principal = (keyId: string, expiresAt: string | null = null) => ({
  principal: {
    groupId: '00000000-0000-4000-8000-000000000001',
    groupName: 'lab',
    memberId: '00000000-0000-4000-8000-000000000002',
    keyId,
    role: 'member' as const,
  },
  expiresAt,
  allowedOperations: null,
});

describe('AuthCache', () => {
  it('forgets a principal after its TTL', () => {
    let now = 0;
    const cache = new AuthCache(1000, 10, () => now);
    cache.set('msk_a', principal('k1'));
    expect(cache.get('msk_a')?.principal.keyId).toBe('k1');
    now = 1000;
    expect(cache.get('msk_a')).toBeUndefined();
  });

  it('asks for one background refresh per entry past half its TTL, and a refresh renews it', () => {
    let now = 0;
    const cache = new AuthCache(1000, 10, () => now);
    cache.set('msk_a', principal('k1'));
    expect(cache.claimRefresh('msk_a')).toBeUndefined();
    now = 500;
    const askedAfter = cache.claimRefresh('msk_a');
    expect(askedAfter).toBeDefined();
    expect(cache.claimRefresh('msk_a')).toBeUndefined(); // one refresh at a time
    cache.set('msk_a', principal('k1'), askedAfter);
    now = 1400;
    expect(cache.get('msk_a')?.principal.keyId).toBe('k1');
  });

  it('lets a later request retry a refresh that failed, and drops a key identity refused', () => {
    let now = 0;
    const cache = new AuthCache(1000, 10, () => now);
    cache.set('msk_a', principal('k1'));
    now = 600;
    expect(cache.claimRefresh('msk_a')).toBeDefined();
    cache.refreshFailed('msk_a');
    expect(cache.claimRefresh('msk_a')).toBeDefined();
    cache.delete('msk_a');
    expect(cache.get('msk_a')).toBeUndefined();
  });

  it('discards a refresh asked for before a revocation', () => {
    let now = 0;
    const cache = new AuthCache(1000, 10, () => now);
    cache.set('msk_a', principal('k1'));
    now = 600;
    const askedAfter = cache.claimRefresh('msk_a');
    cache.evictKey('k1');
    cache.set('msk_a', principal('k1'), askedAfter);
    expect(cache.get('msk_a')).toBeUndefined();
  });

  it('forgets a key when it expires, before the TTL', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const cache = new AuthCache(60_000, 10, () => now);
    cache.set('msk_a', principal('k1', '2026-01-01T00:00:01Z'));
    expect(cache.get('msk_a')?.principal.keyId).toBe('k1');
    now += 1000;
    expect(cache.get('msk_a')).toBeUndefined();
  });

  it('evicts by key id when a revocation arrives', () => {
    const cache = new AuthCache(60_000);
    cache.set('msk_a', principal('k1'));
    cache.set('msk_b', principal('k2'));
    cache.evictKey('k1');
    expect(cache.get('msk_a')).toBeUndefined();
    expect(cache.get('msk_b')?.principal.keyId).toBe('k2');
  });

  it('stays bounded, dropping the oldest entry', () => {
    const cache = new AuthCache(60_000, 2);
    cache.set('a', principal('k1'));
    cache.set('b', principal('k2'));
    cache.set('c', principal('k3'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.principal.keyId).toBe('k3');
  });
});
