import { createHash } from 'node:crypto';
import type { AuthenticatedKey } from '@microseg/contracts';

/**
 * Authenticated keys by key hash, for a few seconds: every GraphQL request carries a key, and
 * asking the identity service each time would double the platform's latency. Revocation notices
 * evict at once; the TTL bounds the delay when a notice is lost; a key that expires sooner than
 * the TTL is forgotten when it expires.
 */
export class AuthCache {
  private readonly entries = new Map<string, { key: AuthenticatedKey; expiresAt: number; refreshAt: number; refreshing: boolean }>();
  /** Revocations so far: an answer asked for before one is not kept (it may be the revoked key's). */
  private evictions = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(apiKey: string): AuthenticatedKey | undefined {
    const key = digest(apiKey);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.key;
  }

  /**
   * Whether the caller should ask identity again now, in the background, for a key still cached:
   * once per entry past half its TTL, so that a key in constant use never expires under its
   * requests (each of which would then ask identity at once). Answers the revocation count to
   * hand back to `set`, or undefined.
   */
  claimRefresh(apiKey: string): number | undefined {
    const entry = this.entries.get(digest(apiKey));
    if (!entry || entry.refreshing || this.now() < entry.refreshAt) return undefined;
    entry.refreshing = true;
    return this.evictions;
  }

  /** A background refresh failed for another reason than the key: let a later request try again. */
  refreshFailed(apiKey: string): void {
    const entry = this.entries.get(digest(apiKey));
    if (entry) entry.refreshing = false;
  }

  /** The key no longer authenticates (identity said so on a refresh). */
  delete(apiKey: string): void {
    this.evictions++;
    this.entries.delete(digest(apiKey));
  }

  /** `askedAfter`: the revocation count when the answer was asked for (from claimRefresh); a revocation since discards it. */
  set(apiKey: string, key: AuthenticatedKey, askedAfter?: number): void {
    if (this.ttlMs === 0) return;
    if (askedAfter !== undefined && askedAfter !== this.evictions) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first entry is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const keyExpiry = key.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(key.expiresAt);
    const now = this.now();
    this.entries.delete(digest(apiKey));
    this.entries.set(digest(apiKey), { key, expiresAt: Math.min(now + this.ttlMs, keyExpiry), refreshAt: now + this.ttlMs / 2, refreshing: false });
  }

  evictKey(keyId: string): void {
    this.evictions++;
    for (const [key, entry] of this.entries) if (entry.key.principal.keyId === keyId) this.entries.delete(key);
  }
}

const digest = (apiKey: string) => createHash('sha256').update(apiKey).digest('base64');
