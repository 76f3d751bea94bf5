import { isMicroSegError } from '@microseg/errors';
import { type Backoff, backoffDelay } from './backoff.ts';

export type DeadLetterReason = 'not-retryable' | 'max-deliver';

export type FailureOutcome =
  { action: 'retry'; delayMs: number } | { action: 'dead-letter'; reason: DeadLetterReason };

/**
 * What to do with a job whose handler threw. A MicroSegError says whether a retry can help;
 * anything else (a bug, a dropped socket) is retried, because giving up on an unknown failure
 * would turn a transient fault into lost work. The last allowed delivery dead-letters instead of
 * retrying, since the server would silently stop redelivering.
 */
export function decideFailure(
  error: unknown,
  deliveryCount: number,
  maxDeliver: number,
  backoff: Backoff,
): FailureOutcome {
  const retryable = isMicroSegError(error) ? error.retryable : true;
  if (!retryable) return { action: 'dead-letter', reason: 'not-retryable' };
  if (deliveryCount >= maxDeliver) return { action: 'dead-letter', reason: 'max-deliver' };
  return { action: 'retry', delayMs: backoffDelay(backoff, deliveryCount) };
}
