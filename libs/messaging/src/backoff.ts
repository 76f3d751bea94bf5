/**
 * Delay before redelivering a failed job, by delivery count (1 = the first delivery failed).
 * An array is indexed by attempt and its last entry repeats; a function gets the count.
 */
export type Backoff = readonly number[] | ((deliveryCount: number) => number);

/** 1 s, 2 s, 4 s ... capped at 60 s. */
export const defaultBackoff: Backoff = (deliveryCount) =>
  Math.min(60_000, 1_000 * 2 ** Math.max(0, deliveryCount - 1));

export function backoffDelay(backoff: Backoff, deliveryCount: number): number {
  const delay =
    typeof backoff === 'function'
      ? backoff(deliveryCount)
      : (backoff[Math.min(deliveryCount, backoff.length) - 1] ?? 0);
  return Math.max(0, Math.round(delay));
}
