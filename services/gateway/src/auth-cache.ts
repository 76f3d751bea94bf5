import { createHash } from 'node:crypto';
import type { AuthenticatedKey } from '@microseg/contracts';

/**
 * Authenticated keys by key hash, for a few seconds: every GraphQL request carries a key, and
 * asking the identity service each time would double the platform's latency. Revocation notices
 * evict at once; the TTL bounds the delay when a notice is lost; a key that expires sooner than
 * the TTL is forgotten when it expires.
 */
export class AuthCache {
  private readonly entries = new Map<string, { key: AuthenticatedKey; expiresAt: number }>();

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

  set(apiKey: string, key: AuthenticatedKey): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first entry is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const keyExpiry = key.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(key.expiresAt);
    this.entries.set(digest(apiKey), { key, expiresAt: Math.min(this.now() + this.ttlMs, keyExpiry) });
  }

  evictKey(keyId: string): void {
    for (const [key, entry] of this.entries) if (entry.key.principal.keyId === keyId) this.entries.delete(key);
  }
}

const digest = (apiKey: string) => createHash('sha256').update(apiKey).digest('base64');
