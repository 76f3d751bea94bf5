import { LOOKUP_CACHE_PRESENCE_INTERVAL_MS, type LookupCacheName, lookupCacheContracts } from '@microseg/contracts';
import { type Logger, silentLogger } from '@microseg/logging';
import { natsConnectionState, natsDisconnects, publishConfirmedNotice, publishNotice, subscribeNotices } from '@microseg/messaging';
import type { NatsConnection, Subscription } from 'nats';
import { Counter, Histogram, type Registry } from 'prom-client';
import { CachingInstances } from './caching-instances.ts';
import { LookupCache } from './lookup-cache.ts';

/**
 * One instance's copy of a lookup cache (the gateway's): it drops a scope when the owner says
 * that scope changed and confirms it has, and announces itself so that the owner waits for it.
 *
 * It keeps nothing while the owner may not know it yet (its first announcement is less than an
 * announcement interval old) and forgets everything when its NATS connection drops, since
 * invalidations sent meanwhile were lost; until then it still answers, by asking the owner.
 */
export class LookupCacheReplica<V> {
  private readonly cache: LookupCache<V>;
  private readonly contracts;
  private readonly outcomes;
  private subscription: Subscription | undefined;
  private announcer: NodeJS.Timeout | undefined;
  private trustedFrom = Number.POSITIVE_INFINITY;
  private disconnectsSeen = 0;

  constructor(
    private readonly nc: NatsConnection,
    readonly name: LookupCacheName,
    private readonly options: {
      /** Which process this is, unique per start (the owner waits for each by this name). */
      instance: string;
      /** The longest an answer is kept; 0 keeps none (every lookup asks the owner). */
      ttlMs: number;
      maxEntries: number;
      logger?: Logger;
      registry?: Registry;
      presenceIntervalMs?: number;
    },
  ) {
    this.cache = new LookupCache({ ttlMs: options.ttlMs, maxEntries: options.maxEntries });
    this.contracts = lookupCacheContracts(name);
    const counter = new Counter({
      name: 'microseg_lookup_cache_requests_total',
      help: 'Lookups through a read cache, by cache and outcome (hit; miss: asked the owner and kept; uncached: asked the owner while the cache is off or untrusted)',
      labelNames: ['cache', 'outcome'] as const,
      registers: options.registry ? [options.registry] : [],
    });
    this.outcomes = { hit: counter.labels(name, 'hit'), miss: counter.labels(name, 'miss'), uncached: counter.labels(name, 'uncached') };
  }

  private get intervalMs(): number {
    return this.options.presenceIntervalMs ?? LOOKUP_CACHE_PRESENCE_INTERVAL_MS;
  }

  start(): void {
    if (this.options.ttlMs <= 0) return;
    const logger = this.options.logger ?? silentLogger;
    this.subscription = subscribeNotices(
      this.nc,
      this.contracts.invalidate,
      ({ scope }) => this.cache.invalidate(scope),
      (error) => {
        // Which scope it meant is unknown: drop them all (and confirm nothing, so the owner waits them out).
        this.cache.clear();
        logger.warn({ err: error, cache: this.name }, 'a lookup cache invalidation broke its contract: dropped every entry');
      },
      { confirmAs: this.options.instance },
    );
    this.disconnectsSeen = natsDisconnects(this.nc);
    this.announce();
    this.announcer = setInterval(() => this.announce(), this.intervalMs);
    this.announcer.unref();
  }

  /** The kept answer for `scope`/`key`, or `load`'s (kept when the cache is trusted). */
  get(scope: string, key: string, load: () => Promise<V>): Promise<V> | V {
    const trusted = this.trusted();
    if (!trusted) {
      this.outcomes.uncached.inc();
      return load();
    }
    if (this.cache.has(scope, key)) this.outcomes.hit.inc();
    else this.outcomes.miss.inc();
    return this.cache.get(scope, key, load);
  }

  /** Stops keeping and confirming, and tells the owners it holds nothing any more. */
  async stop(): Promise<void> {
    clearInterval(this.announcer);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.cache.clear();
    if (this.options.ttlMs <= 0 || this.nc.isClosed()) return;
    try {
      publishNotice(this.nc, this.contracts.presence, { instance: this.options.instance, entryTtlMs: this.options.ttlMs, leaving: true });
      await this.nc.flush();
    } catch {
      // Draining already: owners stop waiting for this instance once its announcements have lapsed.
    }
  }

  private trusted(): boolean {
    if (!this.subscription) return false;
    const disconnects = natsDisconnects(this.nc);
    if (disconnects !== this.disconnectsSeen) {
      // Invalidations may have been lost while the connection was down: start over, announced again.
      this.disconnectsSeen = disconnects;
      this.cache.clear();
      this.trustedFrom = Number.POSITIVE_INFINITY;
      this.announce();
      return false;
    }
    return performance.now() >= this.trustedFrom && natsConnectionState(this.nc) === 'connected';
  }

  private announce(): void {
    if (this.nc.isClosed()) return;
    publishNotice(this.nc, this.contracts.presence, { instance: this.options.instance, entryTtlMs: this.options.ttlMs, leaving: false });
    // Owners hear of this instance within an interval of its first announcement after a (re)connect.
    if (this.trustedFrom === Number.POSITIVE_INFINITY && natsConnectionState(this.nc) === 'connected') {
      this.trustedFrom = performance.now() + this.intervalMs;
    }
  }
}

/**
 * The owner's side: after a change to a scope, tell every caching instance and wait until each
 * one it knows of has confirmed, or until the entries of those that did not must have expired.
 * Only then may the change be acknowledged: a caller who reads after its write, through any
 * instance, never gets an answer from before it.
 */
export class LookupInvalidator {
  private readonly instances: CachingInstances;
  private readonly contracts;
  private readonly seconds;
  private readonly waitedOut;
  private subscription: Subscription | undefined;
  /** Announcements heard for a full interval: until then an instance may exist that is not known yet. */
  private informedFrom = Number.POSITIVE_INFINITY;

  constructor(
    private readonly nc: NatsConnection,
    readonly name: LookupCacheName,
    private readonly options: { logger?: Logger; registry?: Registry; presenceIntervalMs?: number } = {},
  ) {
    this.instances = new CachingInstances(this.intervalMs);
    this.contracts = lookupCacheContracts(name);
    const registers = options.registry ? [options.registry] : [];
    this.seconds = new Histogram({
      name: 'microseg_lookup_cache_invalidation_seconds',
      help: 'Time from a change until every caching instance confirmed it dropped the changed scope (or its entries expired), by cache',
      labelNames: ['cache'] as const,
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    }).labels(name);
    this.waitedOut = new Counter({
      name: 'microseg_lookup_cache_unconfirmed_total',
      help: 'Caching instances that did not confirm an invalidation, so that the change waited until their entries expired, by cache',
      labelNames: ['cache'] as const,
      registers,
    }).labels(name);
  }

  private get intervalMs(): number {
    return this.options.presenceIntervalMs ?? LOOKUP_CACHE_PRESENCE_INTERVAL_MS;
  }

  start(): void {
    const logger = this.options.logger ?? silentLogger;
    this.subscription = subscribeNotices(
      this.nc,
      this.contracts.presence,
      (presence) => this.instances.record(presence),
      (error) => logger.warn({ err: error, cache: this.name }, 'a lookup cache announcement broke its contract'),
    );
    this.informedFrom = performance.now() + this.intervalMs + 250;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** Runs `change` (which commits), then invalidates `scope` whether it succeeded or not; answers once that is done. */
  async after<T>(scope: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      await this.invalidate(scope);
    }
  }

  /** Never throws: when NATS fails it waits for the longest entry lifetime instead. */
  async invalidate(scope: string): Promise<void> {
    const startedAt = performance.now();
    const logger = this.options.logger ?? silentLogger;
    if (startedAt < this.informedFrom) await sleep(this.informedFrom - startedAt);
    const expected = this.instances.current();
    const longestTtl = Math.max(0, ...expected.values());
    try {
      const confirmed = await publishConfirmedNotice(this.nc, this.contracts.invalidate, { scope }, {
        expected: new Set(expected.keys()),
        timeoutMs: Math.max(0, startedAt + longestTtl - performance.now()),
      });
      const missing = [...expected.keys()].filter((instance) => !confirmed.has(instance));
      if (missing.length > 0) {
        this.waitedOut.inc(missing.length);
        logger.warn({ cache: this.name, scope, missing }, 'caching instances did not confirm an invalidation: waited until their entries expired');
      }
    } catch (error) {
      logger.error({ err: error, cache: this.name, scope }, 'could not send a lookup cache invalidation: waiting until every entry has expired');
      await sleep(Math.max(0, startedAt + longestTtl - performance.now()));
    }
    this.seconds.observe((performance.now() - startedAt) / 1_000);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
