export interface RetrySchedule {
  /** Attempts in all, the first included; after the last one the delivery is dead-lettered. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_WEBHOOK_RETRIES: Readonly<RetrySchedule> = { maxAttempts: 6, baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Delay before attempt `attempt + 1` after `attempt` failed (1-based), or null when the delivery
 * is to be dead-lettered. Exponential with a cap; `jitter` in [0, 1) spreads retries of many hooks.
 */
export function nextRetryDelay(schedule: RetrySchedule, attempt: number, jitter = 0): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  const exponential = Math.min(schedule.maxMs, schedule.baseMs * 2 ** (attempt - 1));
  return Math.round(exponential * (1 + 0.2 * jitter));
}
