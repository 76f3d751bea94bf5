import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff.ts';
import { decideFailure } from './job-outcome.ts';

describe('backoffDelay', () => {
  it('indexes an array by delivery and repeats its last entry', () => {
    expect([1, 2, 3, 9].map((n) => backoffDelay([100, 500, 2_000], n))).toEqual([
      100, 500, 2_000, 2_000,
    ]);
  });

  it('doubles by default up to a minute', () => {
    expect([1, 2, 3, 20].map((n) => backoffDelay(defaultBackoff, n))).toEqual([
      1_000, 2_000, 4_000, 60_000,
    ]);
  });
});

describe('decideFailure', () => {
  const backoff = [100, 200];

  it('retries retryable MicroSegErrors with the backoff of this delivery', () => {
    expect(decideFailure(new MicroSegError('UNAVAILABLE', 's3 down'), 2, 5, backoff)).toEqual({
      action: 'retry',
      delayMs: 200,
    });
  });

  it('retries unknown errors: a bug or a dropped socket is not proof the job is bad', () => {
    expect(decideFailure(new TypeError('x is undefined'), 1, 5, backoff)).toEqual({
      action: 'retry',
      delayMs: 100,
    });
  });

  it('dead-letters non-retryable errors at once', () => {
    expect(decideFailure(new MicroSegError('INVALID_INPUT', 'bad mask'), 1, 5, backoff)).toEqual({
      action: 'dead-letter',
      reason: 'not-retryable',
    });
  });

  it('dead-letters on the last allowed delivery instead of retrying', () => {
    expect(decideFailure(new MicroSegError('TIMEOUT', 'slow'), 5, 5, backoff)).toEqual({
      action: 'dead-letter',
      reason: 'max-deliver',
    });
  });
});
