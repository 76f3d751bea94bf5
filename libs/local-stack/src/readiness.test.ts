import { describe, expect, it } from 'vitest';
import { waitUntilReady } from './readiness.ts';

describe('waitUntilReady', () => {
  it('retries the probe until it succeeds', async () => {
    let calls = 0;
    const value = await waitUntilReady(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'up';
      },
      { what: 'thing', intervalMs: 1 },
    );
    expect(value).toBe('up');
    expect(calls).toBe(3);
  });

  it('times out with UNAVAILABLE naming what it waited for and the last failure', async () => {
    const failure = Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' });
    await expect(
      waitUntilReady(() => Promise.reject(failure), {
        what: 'NATS on 127.0.0.1:1',
        timeoutMs: 30,
        intervalMs: 5,
      }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(
        /NATS on 127\.0\.0\.1:1 not ready .*ECONNREFUSED connect failed/,
      ),
    });
  });

  it('gives up at once when the awaited server has exited', async () => {
    await expect(
      waitUntilReady(() => Promise.reject(new Error('refused')), {
        what: 'postgres',
        timeoutMs: 60_000,
        intervalMs: 5,
        abandon: Promise.resolve(
          'postgres exited with code 1; last output:\nFATAL: lock file exists',
        ),
      }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('lock file exists'),
    });
  });
});
