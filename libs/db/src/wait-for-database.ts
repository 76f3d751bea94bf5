import { MicroSegError } from '@microseg/errors';
import { type Kysely, sql } from 'kysely';
import { mapDbError } from './db-errors.ts';
import { type Logger, silentLogger } from './logger.ts';
import { sleep } from './sleep.ts';

export interface WaitForDatabaseOptions {
  logger?: Logger;
  /** Give up after this long with UNAVAILABLE (default: keep trying until aborted). */
  timeoutMs?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
}

/**
 * Start-up gate: retries `select 1` with exponential backoff, logging each failure, until the
 * database answers. Only connection-type failures are retried; a wrong password or a missing
 * database fails at once because waiting will not fix it.
 */
export async function waitForDatabase(
  db: Kysely<any>,
  options: WaitForDatabaseOptions = {},
): Promise<void> {
  const logger = options.logger ?? silentLogger;
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 200;
  const maxDelay = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      if (attempt > 1) logger.info({ attempt }, 'database reachable');
      return;
    } catch (error) {
      const mapped = mapDbError(error);
      if (!mapped.retryable) throw mapped;
      if (options.signal?.aborted || Date.now() + delay > deadline) {
        throw new MicroSegError(
          'UNAVAILABLE',
          `database still unreachable after ${attempt} attempts`,
          {
            cause: error,
            details: { attempts: attempt },
          },
        );
      }
      logger.warn({ attempt, retryInMs: delay, err: error }, 'database unreachable, retrying');
      await sleep(delay, options.signal);
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}
