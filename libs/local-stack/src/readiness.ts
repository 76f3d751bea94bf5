import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MicroSegError } from '@microseg/errors';

export interface WaitOptions {
  /** What is awaited, for the error message: e.g. "PostgreSQL on 127.0.0.1:5433". */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** Stops waiting at once when this settles (a server process that exited will never get ready). */
  abandon?: Promise<unknown>;
}

/**
 * Polls `probe` until it resolves. Times out with UNAVAILABLE naming what was awaited and the last
 * failure, so a user sees "NATS on 127.0.0.1:4222 not ready after 10 s: ECONNREFUSED".
 */
export async function waitUntilReady<T>(probe: () => Promise<T>, options: WaitOptions): Promise<T> {
  const { what, timeoutMs = 30_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  let abandoned: { reason: unknown } | undefined;
  void options.abandon?.then(
    (reason: unknown) => {
      abandoned = { reason };
    },
    (reason: unknown) => {
      abandoned = { reason };
    },
  );
  let lastError: unknown;
  for (;;) {
    if (abandoned !== undefined) {
      throw new MicroSegError(
        'UNAVAILABLE',
        `${what} stopped before it was ready: ${describe(abandoned.reason)}`,
        {
          cause: abandoned.reason,
          details: { what },
        },
      );
    }
    try {
      return await probe();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new MicroSegError(
        'UNAVAILABLE',
        `${what} not ready after ${Math.round(timeoutMs / 1000)} s: ${describe(lastError)}`,
        {
          cause: lastError,
          details: { what, timeoutMs },
        },
      );
    }
    await sleep(intervalMs);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code} ${error.message}`
      : error.message || error.name;
  }
  return String(error);
}

/** Resolves once something accepts TCP connections on host:port (one attempt). */
export function probeTcp(host: string, port: number, timeoutMs = 1_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`connect to ${host}:${port} timed out`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}
