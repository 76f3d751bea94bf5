import { type Kysely, sql } from '@microseg/db';

/**
 * The audit log (issue 15, item 9): append-only. A trigger refuses UPDATE, DELETE and TRUNCATE
 * whoever runs them, and the owning role gives up those privileges, so that only a superuser who
 * drops the trigger on purpose could rewrite history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Ties occurred_at (events of one millisecond) in the page order.
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('member_id', 'uuid')
    .addColumn('key_id', 'uuid')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('operation_name', 'text')
    .addColumn('target_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('arguments', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'error')`))
    .addColumn('error_code', 'text')
    .addColumn('client_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .execute();
  // Newest first by when it happened: events are stored concurrently, and late after an outage.
  await sql`create index audit_events_group_time on audit_events (group_id, occurred_at desc, seq desc)`.execute(db);
  await sql`create index audit_events_group_operation_time on audit_events (group_id, operation, occurred_at desc, seq desc)`.execute(db);

  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit events are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_events_no_update_or_delete before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  // TRUNCATE fires no row triggers: it needs a statement trigger of its own.
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);
  await sql`revoke update, delete, truncate on audit_events from public`.execute(db);
  await sql`revoke update, delete, truncate on audit_events from current_user`.execute(db);
}
