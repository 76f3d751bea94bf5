import type { Principal } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitSettings {
  /** Requests per minute per API key, per group and per client address without a key; 0: no limit. */
  keyPerMinute: number;
  groupPerMinute: number;
  anonymousPerMinute: number;
}

/**
 * Per-minute request budgets of one gateway process, in memory: a caller over its budget is
 * refused with RATE_LIMITED (retryable, with the seconds until the budget refills) before any
 * service is asked. A key has its own budget and its group a larger shared one, so one runaway
 * LIMS script cannot starve the group's other keys of more than the group budget; callers without
 * a key (health, bootstrap, wrong keys) share one budget per address.
 */
export class RateLimits {
  private readonly perKey: RateLimiterMemory | undefined;
  private readonly perGroup: RateLimiterMemory | undefined;
  private readonly perAddress: RateLimiterMemory | undefined;
  private readonly failuresPerAddress: RateLimiterMemory | undefined;

  constructor(settings: RateLimitSettings) {
    const perMinute = (points: number, keyPrefix: string) => (points > 0 ? new RateLimiterMemory({ points, duration: 60, keyPrefix }) : undefined);
    this.perKey = perMinute(settings.keyPerMinute, 'key');
    this.perGroup = perMinute(settings.groupPerMinute, 'group');
    this.perAddress = perMinute(settings.anonymousPerMinute, 'address');
    // Wrong keys have a budget of their own: a dashboard polling health must not lock its
    // neighbours' keys out, nor a key guesser exhaust the health budget.
    this.failuresPerAddress = perMinute(settings.anonymousPerMinute, 'failures');
  }

  /** Counts a request without a key against its client address. */
  async anonymous(address: string): Promise<void> {
    await consume(this.perAddress, address, 'requests without an API key from this address');
  }

  /** Counts a wrong key against its client address. */
  async failedAuthentication(address: string): Promise<void> {
    await consume(this.failuresPerAddress, address, 'wrong API keys from this address');
  }

  /**
   * Before a key is looked up with identity (it is not in the gateway's cache): an address that
   * has sent too many wrong keys waits, so guessing costs identity nothing once over budget.
   */
  async beforeKeyLookup(address: string): Promise<void> {
    const spent = this.failuresPerAddress ? await this.failuresPerAddress.get(address) : null;
    if (spent && this.failuresPerAddress && spent.consumedPoints >= this.failuresPerAddress.points) {
      throw rateLimited('wrong API keys from this address', this.failuresPerAddress.points, spent.msBeforeNext);
    }
  }

  /** Counts an authenticated request against its key and its group. */
  async authenticated(principal: Principal): Promise<void> {
    await consume(this.perKey, principal.keyId, 'requests with this API key');
    await consume(this.perGroup, principal.groupId, "requests of this key's group");
  }
}

async function consume(limiter: RateLimiterMemory | undefined, key: string, what: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw rateLimited(what, limiter.points, rejection.msBeforeNext);
  }
}

function rateLimited(what: string, perMinute: number, msBeforeNext: number): MicroSegError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new MicroSegError('RATE_LIMITED', `too many ${what}: at most ${perMinute} a minute; retry in ${retryAfterSeconds} s`, {
    details: { retryAfterSeconds, limitPerMinute: perMinute },
  });
}
