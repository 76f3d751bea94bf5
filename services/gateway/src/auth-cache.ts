import { createHash } from 'node:crypto';
import type { Principal } from '@microseg/contracts';

/**
 * Authenticated principals by key hash, for a few seconds: every GraphQL request carries a key,
 * and asking the identity service each time would double the platform's latency. Revocation
 * notices evict at once; the TTL bounds the delay when a notice is lost.
 */
export class AuthCache {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(apiKey: string): Principal | undefined {
    const key = digest(apiKey);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  set(apiKey: string, principal: Principal): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first entry is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(digest(apiKey), { principal, expiresAt: this.now() + this.ttlMs });
  }

  evictKey(keyId: string): void {
    for (const [key, entry] of this.entries) if (entry.principal.keyId === keyId) this.entries.delete(key);
  }
}

const digest = (apiKey: string) => createHash('sha256').update(apiKey).digest('base64');
