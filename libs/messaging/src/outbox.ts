import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { validate } from './codec.ts';
import type { MessageContract, PayloadInput } from './contract.ts';
import { traceHeaders } from '@microseg/telemetry';
import type { Metadata } from './metadata.ts';
import type { OutboxDatabase } from './outbox-table.ts';

/** The PostgreSQL notification channel outbox writes signal on; the payload is the outbox's schema. */
export const OUTBOX_CHANNEL = 'microseg_outbox';

export interface EnqueueOutboxOptions {
  headers?: Metadata;
  /** Schema holding the outbox table; default: the connection's search_path (the service schema). */
  schema?: string;
}

/**
 * Writes an event or job into the outbox inside the caller's transaction, so it is published if
 * and only if the data change commits. Validated now, so the relay never carries a bad message.
 * Returns the row id, which becomes the message's Nats-Msg-Id.
 */
export async function enqueueOutbox<C extends MessageContract>(
  trx: Kysely<any>,
  contract: C,
  payload: PayloadInput<C>,
  options: EnqueueOutboxOptions = {},
): Promise<string> {
  const data = validate(contract.schema, payload, contract.subject);
  const id = randomUUID();
  const db = (options.schema ? trx.withSchema(options.schema) : trx) as Kysely<OutboxDatabase>;
  await db
    .insertInto('outbox')
    .values({
      id,
      subject: contract.subject,
      stream: contract.kind === 'job' ? contract.stream : null,
      // pg would turn a top-level array into a PostgreSQL array; JSON text is stored as jsonb as-is.
      payload: JSON.stringify(data),
      // The writer's trace context travels with the row, so the relay's publish joins that trace.
      headers: JSON.stringify({ ...options.headers, ...traceHeaders() }),
    })
    .execute();
  // Delivered at commit (and once per transaction, however many rows): the relay of this schema
  // publishes at once instead of at its next poll.
  await sql`select pg_notify(${OUTBOX_CHANNEL}, coalesce(${options.schema ?? null}::text, current_schema()))`.execute(trx);
  return id;
}
