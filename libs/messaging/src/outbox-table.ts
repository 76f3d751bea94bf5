import { type ColumnType, type Generated, type Kysely, type Migration, sql } from 'kysely';

export interface OutboxTable {
  /** A UUID, used as the Nats-Msg-Id: unique across every service's outbox on the shared streams. */
  id: string;
  /** Insertion order; the relay publishes in this order. */
  seq: Generated<string>;
  subject: string;
  /** For jobs: the stream that must store the message; null for events. */
  stream: string | null;
  /** Written as JSON text, read back parsed. */
  payload: ColumnType<unknown, string, never>;
  headers: ColumnType<Record<string, string>, string, never>;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface OutboxDatabase {
  outbox: OutboxTable;
}

/**
 * The outbox table, as migrations a service spreads into its own record
 * (`{ ...outboxMigrations, '0001-...': ... }`) so it lives in the service's schema. The `0000-`
 * prefix sorts it before the service's own migrations.
 */
export const outboxMigrations: Record<string, Migration> = {
  '0000-outbox': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'uuid', (col) => col.primaryKey())
        .addColumn('seq', 'bigint', (col) => col.generatedAlwaysAsIdentity().notNull())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('stream', 'text')
        .addColumn('payload', 'jsonb', (col) => col.notNull())
        .addColumn('headers', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
        .addColumn('sent_at', 'timestamptz')
        .execute();
      // The relay only ever looks for unsent rows in order; a partial index keeps that cheap however many were sent.
      await db.schema
        .createIndex('outbox_unsent_seq')
        .on('outbox')
        .column('seq')
        .where(sql.ref('sent_at'), 'is', null)
        .execute();
      await db.schema.createIndex('outbox_sent_at').on('outbox').column('sent_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('outbox').execute();
    },
  },
};
