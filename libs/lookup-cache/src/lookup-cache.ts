/**
 * Answers kept per scope (a group) and key, each for at most `ttlMs` counted from before it was
 * asked for, dropped a scope at a time when its owner says that scope changed. Nothing here knows
 * NATS: LookupCacheReplica wires it to its owner's invalidations.
 *
 * Two rules keep it from answering older than what its owner has acknowledged:
 * - an answer asked for before an invalidation of its scope is handed to its callers but not kept
 *   (it may have been read before the change);
 * - callers that arrive after an invalidation never join a load that started before it.
 */
export class LookupCache<V> {
  /** Per scope, so that invalidating one costs that scope's entries only. */
  private readonly scopes = new Map<string, Map<string, { value: V; expiresAt: number }>>();
  private count = 0;
  /** Loads in flight per scope, shared by every caller of the same key (a burst of polls asks the owner once). */
  private readonly loading = new Map<string, Map<string, Promise<V>>>();
  /** Invalidations so far, per scope and over all scopes: a load keeps its answer only if neither moved. */
  private readonly scopeGenerations = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly options: {
      ttlMs: number;
      /** The most entries kept; the oldest go first. */
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  /** Whether `scope`/`key` is answered from the cache now (for metrics and tests). */
  has(scope: string, key: string): boolean {
    const entry = this.scopes.get(scope)?.get(key);
    return entry !== undefined && entry.expiresAt > this.now();
  }

  /**
   * The kept answer, or `load`'s. `keep` false (the cache is not trusted right now: not yet
   * announced, or its connection dropped) asks the owner and keeps nothing.
   */
  get(scope: string, key: string, load: () => Promise<V>, keep = true): Promise<V> | V {
    if (!keep || this.options.ttlMs <= 0) return load();
    const entries = this.scopes.get(scope);
    const entry = entries?.get(key);
    const now = this.now();
    if (entry) {
      if (entry.expiresAt > now) {
        // Refreshed ahead in the background past half its lifetime: a key polled without pause
        // never expires under its callers, who would all wait for the owner at once.
        if (entry.expiresAt - now < this.options.ttlMs / 2 && !this.loading.get(scope)?.has(key)) {
          this.load(scope, key, load).catch(() => undefined);
        }
        return entry.value;
      }
      this.forget(scope, key);
    }
    return this.loading.get(scope)?.get(key) ?? this.load(scope, key, load);
  }

  private load(scope: string, key: string, load: () => Promise<V>): Promise<V> {
    const askedAt = this.now();
    const generation = this.generation;
    const scopeGeneration = this.scopeGenerations.get(scope) ?? 0;
    const unchanged = () => generation === this.generation && scopeGeneration === (this.scopeGenerations.get(scope) ?? 0);
    const settled = () => {
      const loads = this.loading.get(scope);
      if (loads?.get(key) !== loaded) return;
      loads.delete(key);
      if (loads.size === 0) this.loading.delete(scope);
    };
    const loaded: Promise<V> = load().then(
      (value) => {
        settled();
        if (unchanged()) this.keep(scope, key, value, askedAt);
        return value;
      },
      (error: unknown) => {
        settled();
        throw error;
      },
    );
    let loads = this.loading.get(scope);
    if (!loads) this.loading.set(scope, (loads = new Map<string, Promise<V>>()));
    loads.set(key, loaded);
    return loaded;
  }

  /** Drops every answer of `scope`, and keeps none of the loads of it now in flight. */
  invalidate(scope: string): void {
    this.scopeGenerations.set(scope, (this.scopeGenerations.get(scope) ?? 0) + 1);
    this.count -= this.scopes.get(scope)?.size ?? 0;
    this.scopes.delete(scope);
    this.loading.delete(scope);
  }

  /** Drops everything, and keeps none of the loads now in flight. */
  clear(): void {
    this.generation++;
    this.scopes.clear();
    this.loading.clear();
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  private keep(scope: string, key: string, value: V, askedAt: number): void {
    const expiresAt = askedAt + this.options.ttlMs;
    if (expiresAt <= this.now()) return;
    this.forget(scope, key);
    let entries = this.scopes.get(scope);
    if (!entries) this.scopes.set(scope, (entries = new Map<string, { value: V; expiresAt: number }>()));
    entries.set(key, { value, expiresAt });
    this.count++;
    if (this.count > this.options.maxEntries) {
      // The first entry of the scope kept longest: old enough, and found without a scan.
      const [oldestScope, oldest] = this.scopes.entries().next().value ?? [];
      const oldestKey = oldest?.keys().next().value;
      if (oldestScope !== undefined && oldestKey !== undefined) this.forget(oldestScope, oldestKey);
    }
  }

  private forget(scope: string, key: string): void {
    const entries = this.scopes.get(scope);
    if (!entries?.delete(key)) return;
    this.count--;
    if (entries.size === 0) this.scopes.delete(scope);
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }
}
