import { describe, expect, it } from 'vitest';
import { CachingInstances } from './caching-instances.ts';
import { LookupCache } from './lookup-cache.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LookupCache', () => {
  it('keeps an answer for its lifetime, counted from when it was asked for', async () => {
    const time = clock();
    const cache = new LookupCache<string>({ ttlMs: 100, maxEntries: 10, now: time.now });
    const load = deferred<string>();
    const first = cache.get('g1', 'S-1', () => load.promise);
    time.advance(40); // the owner took 40 ms to answer
    load.resolve('v1');
    expect(await first).toBe('v1');
    expect(await cache.get('g1', 'S-1', async () => 'v2')).toBe('v1');
    time.advance(59);
    expect(cache.has('g1', 'S-1')).toBe(true);
    time.advance(1); // 100 ms after the question, not after the answer
    expect(cache.has('g1', 'S-1')).toBe(false);
    expect(await cache.get('g1', 'S-1', async () => 'v2')).toBe('v2');
  });

  it('refreshes a key asked for past half its lifetime in the background, answering the kept value meanwhile', async () => {
    const time = clock();
    const cache = new LookupCache<string>({ ttlMs: 100, maxEntries: 10, now: time.now });
    await cache.get('g1', 'S-1', async () => 'v1');
    time.advance(40);
    expect(await cache.get('g1', 'S-1', async () => 'not asked')).toBe('v1');
    time.advance(20);
    const refresh = deferred<string>();
    let asked = 0;
    const refreshing = () => {
      asked++;
      return refresh.promise;
    };
    expect(await cache.get('g1', 'S-1', refreshing)).toBe('v1');
    expect(await cache.get('g1', 'S-1', refreshing)).toBe('v1');
    expect(asked).toBe(1);
    refresh.resolve('v2');
    await refresh.promise;
    await Promise.resolve();
    time.advance(60); // past the first answer's lifetime, within the refreshed one's
    expect(await cache.get('g1', 'S-1', async () => 'not asked')).toBe('v2');
  });

  it('does not keep a background refresh that overlapped an invalidation', async () => {
    const time = clock();
    const cache = new LookupCache<string>({ ttlMs: 100, maxEntries: 10, now: time.now });
    await cache.get('g1', 'S-1', async () => 'v1');
    time.advance(60);
    const refresh = deferred<string>();
    expect(await cache.get('g1', 'S-1', () => refresh.promise)).toBe('v1');
    cache.invalidate('g1');
    refresh.resolve('stale');
    await refresh.promise;
    await Promise.resolve();
    expect(await cache.get('g1', 'S-1', async () => 'fresh')).toBe('fresh');
  });

  it('keeps absent answers (null) too, and never failures', async () => {
    const cache = new LookupCache<string | null>({ ttlMs: 1_000, maxEntries: 10 });
    expect(await cache.get('g1', 'S-1', async () => null)).toBeNull();
    expect(await cache.get('g1', 'S-1', async () => 'late')).toBeNull();
    await expect(cache.get('g1', 'S-2', async () => Promise.reject(new Error('owner down')))).rejects.toThrow('owner down');
    expect(cache.has('g1', 'S-2')).toBe(false);
    expect(await cache.get('g1', 'S-2', async () => 'v')).toBe('v');
  });

  it('asks the owner once for a burst of callers of the same key', async () => {
    const cache = new LookupCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    let asked = 0;
    const load = deferred<string>();
    const answers = Array.from({ length: 5 }, async () =>
      cache.get('g1', 'S-1', () => {
        asked++;
        return load.promise;
      }),
    );
    load.resolve('v');
    expect(await Promise.all(answers)).toEqual(['v', 'v', 'v', 'v', 'v']);
    expect(asked).toBe(1);
  });

  it('drops a scope on invalidation and leaves the other scopes', async () => {
    const cache = new LookupCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    await cache.get('g1', 'S-1', async () => 'a');
    await cache.get('g2', 'S-1', async () => 'b');
    cache.invalidate('g1');
    expect(cache.has('g1', 'S-1')).toBe(false);
    expect(cache.has('g2', 'S-1')).toBe(true);
    expect(cache.size).toBe(1);
  });

  it('does not keep an answer asked for before an invalidation of its scope', async () => {
    const cache = new LookupCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    const before = deferred<string>();
    const early = cache.get('g1', 'S-1', () => before.promise);
    cache.invalidate('g1'); // the owner changed g1 while the answer was on its way
    const after = cache.get('g1', 'S-1', async () => 'new'); // does not join the earlier load
    before.resolve('old');
    expect(await early).toBe('old');
    expect(await after).toBe('new');
    expect(await cache.get('g1', 'S-1', async () => 'newer')).toBe('new');
  });

  it('does not keep an answer asked for before a clear', async () => {
    const cache = new LookupCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    const before = deferred<string>();
    const early = cache.get('g1', 'S-1', () => before.promise);
    cache.clear();
    before.resolve('old');
    await early;
    expect(cache.has('g1', 'S-1')).toBe(false);
  });

  it('keeps an answer whose load overlapped an invalidation of another scope', async () => {
    const cache = new LookupCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    const load = deferred<string>();
    const answer = cache.get('g1', 'S-1', () => load.promise);
    cache.invalidate('g2');
    load.resolve('v');
    await answer;
    expect(cache.has('g1', 'S-1')).toBe(true);
  });

  it('holds at most maxEntries, dropping old ones first', async () => {
    const cache = new LookupCache<number>({ ttlMs: 1_000, maxEntries: 3 });
    for (let i = 0; i < 5; i++) await cache.get('g1', `S-${i}`, async () => i);
    expect(cache.size).toBe(3);
    expect(cache.has('g1', 'S-0')).toBe(false);
    expect(cache.has('g1', 'S-4')).toBe(true);
  });

  it('keeps nothing when told not to, or with a lifetime of 0', async () => {
    const kept = new LookupCache<string>({ ttlMs: 1_000, maxEntries: 3 });
    await kept.get('g1', 'S-1', async () => 'v', false);
    expect(kept.size).toBe(0);
    const off = new LookupCache<string>({ ttlMs: 0, maxEntries: 3 });
    await off.get('g1', 'S-1', async () => 'v');
    expect(off.size).toBe(0);
  });
});

describe('CachingInstances', () => {
  it('names each announced instance with its entry lifetime until it leaves', () => {
    const time = clock();
    const instances = new CachingInstances(1_000, time.now);
    instances.record({ instance: 'a', entryTtlMs: 5_000, leaving: false });
    instances.record({ instance: 'b', entryTtlMs: 2_000, leaving: false });
    instances.record({ instance: 'off', entryTtlMs: 0, leaving: false });
    expect(instances.current()).toEqual(new Map([['a', 5_000], ['b', 2_000]]));
    instances.record({ instance: 'a', entryTtlMs: 5_000, leaving: true });
    expect([...instances.current().keys()]).toEqual(['b']);
  });

  it('keeps a silent instance until three announcements and its entry lifetime have passed', () => {
    const time = clock();
    const instances = new CachingInstances(1_000, time.now);
    instances.record({ instance: 'a', entryTtlMs: 5_000, leaving: false });
    time.advance(8_000);
    expect(instances.current().has('a')).toBe(true);
    time.advance(1);
    expect(instances.current().has('a')).toBe(false);
  });
});
