/**
 * The instances holding a lookup cache, as their presence announcements tell an owner: whom to
 * wait for after a change, and for how long at most (the entry lifetime each one announced).
 */
export class CachingInstances {
  private readonly instances = new Map<string, { entryTtlMs: number; lastHeardAt: number }>();

  constructor(
    private readonly presenceIntervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(presence: { instance: string; entryTtlMs: number; leaving: boolean }): void {
    if (presence.leaving) this.instances.delete(presence.instance);
    else this.instances.set(presence.instance, { entryTtlMs: presence.entryTtlMs, lastHeardAt: this.now() });
  }

  /**
   * Each instance that may still hold entries, with its entry lifetime. One gone silent still
   * counts for a while: it may be cut off from NATS (missing invalidations) yet answering HTTP,
   * and whatever it loaded before it was cut off lives `entryTtlMs` at most. Three missed
   * announcements plus that lifetime after it was last heard, it holds nothing it could serve.
   */
  current(): Map<string, number> {
    const now = this.now();
    const current = new Map<string, number>();
    for (const [instance, { entryTtlMs, lastHeardAt }] of this.instances) {
      if (now - lastHeardAt > 3 * this.presenceIntervalMs + entryTtlMs) this.instances.delete(instance);
      else if (entryTtlMs > 0) current.set(instance, entryTtlMs);
    }
    return current;
  }
}
