import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { RateLimits } from './rate-limits.ts';

const principal = (keyId: string, groupId: string) => ({ keyId, groupId, groupName: 'lab', memberId: keyId, role: 'admin' as const });
const KEY_A = '00000000-0000-4000-8000-00000000000a';
const KEY_B = '00000000-0000-4000-8000-00000000000b';
const GROUP = '00000000-0000-4000-8000-000000000001';

async function refusal(call: Promise<void>): Promise<MicroSegError | undefined> {
  return call.then(
    () => undefined,
    (error: unknown) => error as MicroSegError,
  );
}

describe('RateLimits', () => {
  it('refuses a key over its budget with RATE_LIMITED and the seconds to wait, leaving other keys their own', async () => {
    const limits = new RateLimits({ keyPerMinute: 2, groupPerMinute: 10, anonymousPerMinute: 1 });
    await limits.authenticated(principal(KEY_A, GROUP));
    await limits.authenticated(principal(KEY_A, GROUP));
    const error = await refusal(limits.authenticated(principal(KEY_A, GROUP)));
    expect(error?.code).toBe('RATE_LIMITED');
    expect(error?.retryable).toBe(true);
    expect(error?.details['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    expect(await refusal(limits.authenticated(principal(KEY_B, GROUP)))).toBeUndefined();
  });

  it("shares a group's budget between its keys, and an address's between its anonymous calls", async () => {
    const limits = new RateLimits({ keyPerMinute: 10, groupPerMinute: 2, anonymousPerMinute: 1 });
    await limits.authenticated(principal(KEY_A, GROUP));
    await limits.authenticated(principal(KEY_B, GROUP));
    expect((await refusal(limits.authenticated(principal(KEY_B, GROUP))))?.code).toBe('RATE_LIMITED');
    await limits.anonymous('127.0.0.1');
    expect((await refusal(limits.anonymous('127.0.0.1')))?.code).toBe('RATE_LIMITED');
    expect(await refusal(limits.anonymous('::1'))).toBeUndefined();
  });

  it('counts wrong keys apart from anonymous calls, and stops key lookups from an address over that budget', async () => {
    const limits = new RateLimits({ keyPerMinute: 10, groupPerMinute: 10, anonymousPerMinute: 2 });
    await limits.anonymous('127.0.0.1');
    await limits.anonymous('127.0.0.1');
    await limits.beforeKeyLookup('127.0.0.1');
    await limits.failedAuthentication('127.0.0.1');
    await limits.failedAuthentication('127.0.0.1');
    const error = await refusal(limits.beforeKeyLookup('127.0.0.1'));
    expect(error?.code).toBe('RATE_LIMITED');
    expect(error?.message).toContain('wrong API keys');
    expect(await refusal(limits.beforeKeyLookup('::1'))).toBeUndefined();
  });

  it('has no limit where it is 0', async () => {
    const limits = new RateLimits({ keyPerMinute: 0, groupPerMinute: 0, anonymousPerMinute: 0 });
    for (let i = 0; i < 100; i++) {
      await limits.anonymous('127.0.0.1');
      await limits.failedAuthentication('127.0.0.1');
      await limits.beforeKeyLookup('127.0.0.1');
    }
  });
});
