import pg from 'pg';
import { type Logger, silentLogger } from './logger.ts';
import { sleep } from './sleep.ts';

export interface NotificationListenerOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  channel: string;
  onNotification: (payload: string) => void;
  /** Called after every (re)connection: notifications sent while disconnected are lost, so look for missed work. */
  onConnected?: () => void;
  logger?: Logger;
  /** Longest pause between reconnection attempts (default 5 s). */
  maxBackoffMs?: number;
}

export interface NotificationListener {
  close(): Promise<void>;
}

/**
 * LISTENs on a channel with a connection of its own (a pooled one would be handed to other
 * queries), reconnecting with backoff after the server restarts. Notifications are a hint, never
 * the only signal: whoever listens keeps a slower poll for what arrived while disconnected.
 */
export function listenForNotifications(options: NotificationListenerOptions): NotificationListener {
  const logger = options.logger ?? silentLogger;
  const stop = new AbortController();
  let client: pg.Client | undefined;

  /** A listening connection and a promise that settles when the server or the network drops it. */
  const connectOnce = async (): Promise<{ connection: pg.Client; lost: Promise<void> }> => {
    const connection = new pg.Client({ connectionString: options.url, application_name: `listen ${options.channel}` });
    const lost = new Promise<void>((resolve) => {
      connection.once('error', () => resolve());
      connection.once('end', () => resolve());
    });
    client = connection;
    await connection.connect();
    connection.on('notification', (message) => options.onNotification(message.payload ?? ''));
    await connection.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`);
    return { connection, lost };
  };
  const stopped = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));

  const loop = async () => {
    let backoffMs = 250;
    while (!stop.signal.aborted) {
      try {
        const { lost } = await connectOnce();
        backoffMs = 250;
        options.onConnected?.();
        await Promise.race([lost, stopped]);
      } catch (error) {
        logger.debug({ err: error, channel: options.channel }, 'cannot listen for notifications yet');
      }
      const ended = client;
      client = undefined;
      await ended?.end().catch(() => undefined);
      if (stop.signal.aborted) return;
      await sleep(backoffMs, stop.signal);
      backoffMs = Math.min(options.maxBackoffMs ?? 5_000, backoffMs * 2);
    }
  };
  const running = loop();

  return {
    async close() {
      stop.abort();
      await running;
    },
  };
}
