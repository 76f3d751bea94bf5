import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { idempotencyClaimsMigration, idempotencyKeysMigration } from './idempotency.ts';
import { outboxMigrations } from './outbox-table.ts';

/** The SQL a migration runs, compiled for PostgreSQL without a database. */
async function ddlOf(migration: { up(db: Kysely<any>): Promise<void> }): Promise<string[]> {
  const statements: string[] = [];
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      statements.push(event.query.sql);
    },
  });
  await migration.up(db);
  return statements;
}

/**
 * The shared tables' migrations are the one way every service creates those tables, and services
 * have applied them: they are frozen. A change here must be a new migration, never an edit.
 */
describe('shared-table migrations', () => {
  it('create the outbox as they always did', async () => {
    expect(await ddlOf(outboxMigrations['0000-outbox']!)).toMatchInlineSnapshot(`
      [
        "create table "outbox" ("id" uuid primary key, "seq" bigint generated always as identity not null, "subject" text not null, "stream" text, "payload" jsonb not null, "headers" jsonb default '{}'::jsonb not null, "created_at" timestamptz default now() not null, "sent_at" timestamptz)",
        "create index "outbox_unsent_seq" on "outbox" ("seq") where "sent_at" is null",
        "create index "outbox_sent_at" on "outbox" ("sent_at")",
      ]
    `);
  });

  it('create idempotency_keys and let keys be claimed, as they always did', async () => {
    expect(await ddlOf(idempotencyKeysMigration)).toMatchInlineSnapshot(`
      [
        "create table "idempotency_keys" ("group_id" uuid not null, "key" text not null, "operation" text not null, "request_hash" text not null, "response" jsonb not null, "created_at" timestamptz default now() not null, constraint "idempotency_keys_pk" primary key ("group_id", "key", "operation"))",
      ]
    `);
    expect(await ddlOf(idempotencyClaimsMigration)).toMatchInlineSnapshot(`
      [
        "alter table "idempotency_keys" alter column "response" drop not null",
      ]
    `);
  });
});
