import { type Kysely, sql } from 'kysely';
import type { JetStreamClient } from 'nats';
import { encodeJson } from './codec.ts';
import { type Logger, silentLogger } from './logger.ts';
import type { OutboxDatabase } from './outbox-table.ts';
import { publishRaw } from './publish.ts';
import { type NotificationListener, listenForNotifications, sleep } from '@microseg/db';
import { OUTBOX_CHANNEL } from './outbox.ts';

export interface OutboxRelayOptions {
  db: Kysely<any>;
  js: JetStreamClient;
  logger?: Logger;
  /** Schema holding the outbox table; default: the connection's search_path. */
  schema?: string;
  /** Rows claimed per transaction (default 100). */
  batchSize?: number;
  /** Pause when the outbox is empty (default 200 ms). */
  pollIntervalMs?: number;
  /** Longest pause between attempts while NATS or PostgreSQL is down (default 5 s). */
  maxBackoffMs?: number;
  /** Wait for each stream acknowledgement (default 5 s). */
  publishTimeoutMs?: number;
  /** Sent rows are deleted after this long (default 24 h); they only serve inspection. */
  retainSentMs?: number;
  /**
   * The database URL to LISTEN on: a commit that wrote outbox rows wakes the relay at once
   * (enqueueOutbox notifies), instead of at its next poll. Without it the relay only polls.
   */
  wakeOnCommit?: { databaseUrl: string };
}

export interface RelayBatch {
  sent: number;
  failed: number;
  firstError?: unknown;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Publishes outbox rows to JetStream. Each batch claims unsent rows in insertion order with
 * FOR UPDATE SKIP LOCKED, so several replicas share the work without publishing a row twice at
 * once; the row id is the Nats-Msg-Id, so a row published again after a crash before the commit
 * is dropped by the stream's duplicate window. While NATS (or the database) is down it backs off
 * and keeps the rows; they go out once it is back.
 */
export class OutboxRelay {
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;
  private lastPrune = 0;
  private readonly logger: Logger;
  private listener: NotificationListener | undefined;
  /** Set while the relay sleeps: ends the sleep early. */
  private wake: (() => void) | undefined;
  /** A notification that came while a batch ran: the next sleep is skipped. */
  private woken = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  private get db(): Kysely<OutboxDatabase> {
    const { db, schema } = this.options;
    return (schema ? db.withSchema(schema) : db) as Kysely<OutboxDatabase>;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.loop;
    await this.listener?.close();
  }

  private async listenForCommits(databaseUrl: string): Promise<void> {
    const schema =
      this.options.schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(this.options.db)).rows[0]?.schema;
    this.listener = listenForNotifications({
      url: databaseUrl,
      channel: OUTBOX_CHANNEL,
      logger: this.logger,
      onNotification: (payload) => {
        if (payload !== schema) return;
        this.woken = true;
        this.wake?.();
      },
    });
  }

  /** Sleeps for the poll interval, or less when a commit's notification arrives. */
  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const cut = new AbortController();
    const onStop = () => cut.abort();
    signal.addEventListener('abort', onStop, { once: true });
    this.wake = () => cut.abort();
    await sleep(ms, cut.signal);
    signal.removeEventListener('abort', onStop);
    this.wake = undefined;
    this.woken = false;
  }

  /** Claims and publishes one batch; rows whose publish failed stay unsent for the next attempt. */
  async relayOnce(): Promise<RelayBatch> {
    const batchSize = this.options.batchSize ?? 100;
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'subject', 'stream', 'payload', 'headers'])
        .where('sent_at', 'is', null)
        .orderBy('seq')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return { sent: 0, failed: 0 };
      // Published back to back on one connection, so the stream stores them in row order.
      const results = await Promise.allSettled(
        rows.map((row) =>
          publishRaw(
            this.options.js,
            row.subject,
            encodeJson(row.payload),
            {
              msgId: row.id,
              headers: row.headers,
              timeoutMs: this.options.publishTimeoutMs ?? 5_000,
            },
            row.stream ?? undefined,
          ),
        ),
      );
      const sentIds = rows
        .filter((_, i) => results[i]?.status === 'fulfilled')
        .map((row) => row.id);
      if (sentIds.length > 0) {
        await trx
          .updateTable('outbox')
          .set({ sent_at: sql<Date>`now()` })
          .where('id', 'in', sentIds)
          .execute();
      }
      const firstFailure = results.find((result) => result.status === 'rejected');
      return {
        sent: sentIds.length,
        failed: rows.length - sentIds.length,
        ...(firstFailure ? { firstError: firstFailure.reason as unknown } : {}),
      };
    });
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const retainMs = this.options.retainSentMs ?? 24 * 3_600_000;
    await this.db
      .deleteFrom('outbox')
      .where('sent_at', '<', sql<Date>`now() - make_interval(secs => ${retainMs / 1_000})`)
      .execute();
  }

  private async run(): Promise<void> {
    const signal = this.stopController.signal;
    const wakeOnCommit = this.options.wakeOnCommit;
    if (wakeOnCommit) {
      // Without the listener (database not reachable yet) the relay still polls.
      await this.listenForCommits(wakeOnCommit.databaseUrl).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'outbox relay polls only: cannot listen for commits'),
      );
    }
    const pollMs = this.options.pollIntervalMs ?? 200;
    const maxBackoffMs = this.options.maxBackoffMs ?? 5_000;
    let backoffMs = pollMs;
    let outage = false;
    while (!signal.aborted) {
      let batch: RelayBatch;
      try {
        batch = await this.relayOnce();
        await this.prune();
      } catch (error) {
        batch = { sent: 0, failed: 1, firstError: error };
      }
      if (batch.failed > 0) {
        if (!outage)
          this.logger.warn({ err: batch.firstError }, 'outbox relay cannot publish, backing off');
        outage = true;
        await sleep(backoffMs, signal);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
        continue;
      }
      if (outage) this.logger.info({ sent: batch.sent }, 'outbox relay resumed');
      outage = false;
      backoffMs = pollMs;
      if (batch.sent < (this.options.batchSize ?? 100)) await this.pause(pollMs, signal);
    }
  }
}
