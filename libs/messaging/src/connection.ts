import { MicroSegError } from '@microseg/errors';
import { readFileSync } from 'node:fs';
import { type ConnectionOptions, ErrorCode as NatsCode, Events, type NatsConnection, NatsError, connect, credsAuthenticator } from 'nats';
import { type Logger, silentLogger } from './logger.ts';
import { sleep } from '@microseg/db';

export interface ConnectNatsOptions {
  /** One URL, a comma-separated list, or an array of server URLs. */
  url: string | string[];
  /** Client name shown by the server (monitoring, `nats server report connections`). */
  name: string;
  logger?: Logger;
  /** Pause between reconnect attempts once connected (default 1 s). */
  reconnectTimeWaitMs?: number;
  /** Cancels the wait for the first connection (for example on SIGTERM during start-up). */
  signal?: AbortSignal;
  /** Who connects: a user and password, or a `.creds` file (NATS_CREDS_FILE) from a deployer's own accounts. */
  credentials?: NatsCredentials;
}

export type NatsCredentials = { user: string; password: string } | { credsFile: string };

function authOptions(credentials: NatsCredentials | undefined): Partial<ConnectionOptions> {
  if (!credentials) return {};
  if ('credsFile' in credentials) return { authenticator: credsAuthenticator(readFileSync(credentials.credsFile)) };
  // Replies to this user's requests arrive under its own prefix, the only inboxes it may subscribe to.
  return { user: credentials.user, pass: credentials.password, inboxPrefix: `_INBOX.${credentials.user}` };
}

// Waiting does not fix these: fail start-up at once with a message naming the cause.
const FATAL_AT_CONNECT = new Set<string>([
  NatsCode.AuthorizationViolation,
  NatsCode.BadAuthentication,
  NatsCode.BadCreds,
  NatsCode.AuthenticationExpired,
  NatsCode.InvalidOption,
]);

type ConnectionState = 'connected' | 'reconnecting' | 'closed';
const states = new WeakMap<NatsConnection, ConnectionState>();
const disconnects = new WeakMap<NatsConnection, number>();

function serversOf(url: string | string[]): string[] {
  return (Array.isArray(url) ? url : url.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

async function watchStatus(nc: NatsConnection, logger: Logger): Promise<void> {
  for await (const status of nc.status()) {
    switch (status.type) {
      case Events.Disconnect:
        states.set(nc, 'reconnecting');
        disconnects.set(nc, (disconnects.get(nc) ?? 0) + 1);
        logger.warn({ server: status.data }, 'NATS disconnected, reconnecting');
        break;
      case Events.Reconnect:
        states.set(nc, 'connected');
        logger.info({ server: status.data }, 'NATS reconnected');
        break;
      case Events.Error:
        logger.error({ error: status.data }, 'NATS async error');
        break;
      case Events.LDM:
        logger.warn({ server: status.data }, 'NATS server entering lame duck mode');
        break;
      default:
        // Cluster updates and debug events (pings, reconnect attempts) need no action.
        break;
    }
  }
}

/**
 * Connects to NATS, retrying the first connection with backoff (logged) until it succeeds or the
 * signal aborts, then reconnecting forever after any later disconnect. nats.js buffers publishes
 * while reconnecting; requests fail with TIMEOUT/UNAVAILABLE in the meantime.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const logger = options.logger ?? silentLogger;
  const servers = serversOf(options.url);
  const auth = authOptions(options.credentials);
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      const nc = await connect({
        servers,
        name: options.name,
        maxReconnectAttempts: -1,
        reconnectTimeWait: options.reconnectTimeWaitMs ?? 1_000,
        pingInterval: 10_000,
        // nats.js captures two stack traces per request (new Error) only to decorate a failure's
        // stack; request() maps every failure to a MicroSegError by code, so they were paid for
        // on every call and never read.
        noAsyncTraces: true,
        ...auth,
      });
      states.set(nc, 'connected');
      logger.info({ server: nc.getServer(), attempt }, 'NATS connected');
      void watchStatus(nc, logger);
      void nc.closed().then((error) => {
        states.set(nc, 'closed');
        if (error) logger.error({ err: error }, 'NATS connection closed with an error');
      });
      return nc;
    } catch (error) {
      if (error instanceof NatsError && FATAL_AT_CONNECT.has(error.code)) {
        throw new MicroSegError('UNAVAILABLE', `NATS refused the connection: ${error.message}`, {
          cause: error,
          retryable: false,
          details: { servers, code: error.code },
        });
      }
      if (options.signal?.aborted) {
        throw new MicroSegError('UNAVAILABLE', `NATS unreachable at ${servers.join(',')}`, {
          cause: error,
        });
      }
      logger.warn({ servers, attempt, retryInMs: delay, err: error }, 'NATS unreachable, retrying');
      await sleep(delay, options.signal);
      delay = Math.min(5_000, delay * 2);
    }
  }
}

/**
 * How many times the connection has dropped so far. Core NATS messages sent while it was down
 * are lost, so whoever relies on receiving every one of them (a cache told of changes) compares
 * this number to see that it may have missed some.
 */
export function natsDisconnects(nc: NatsConnection): number {
  return disconnects.get(nc) ?? 0;
}

/** `connected`, `reconnecting` or `closed`, for readiness probes. */
export function natsConnectionState(nc: NatsConnection): ConnectionState {
  if (nc.isClosed()) return 'closed';
  return states.get(nc) ?? 'connected';
}

/**
 * Resolves once the connection is (again) connected; rejects with UNAVAILABLE after `timeoutMs`
 * or when the connection is closed for good.
 */
export async function waitUntilConnected(
  nc: NatsConnection,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? Infinity);
  for (;;) {
    const state = natsConnectionState(nc);
    if (state === 'connected') return;
    if (state === 'closed')
      throw new MicroSegError('UNAVAILABLE', 'NATS connection is closed', { retryable: false });
    if (Date.now() >= deadline) throw new MicroSegError('UNAVAILABLE', 'NATS is not connected');
    await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
  }
}
