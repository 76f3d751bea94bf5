import { type Kysely, sql } from '@microseg/db';

/**
 * Promotion gates (issue 13): an alias may declare a reference set and tolerances that every move
 * of it must meet. A gated move is recorded `pending` with the gate it must pass, then `moved` or
 * `refused` with the gate's report; an admin's move past the gate is recorded as such.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alias_gates')
    .addColumn('model_id', 'uuid', (c) => c.notNull().references('models.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('declaration', 'jsonb', (c) => c.notNull())
    .addColumn('set_by', 'uuid', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('alias_gates_pk', ['model_id', 'alias'])
    .execute();
  await sql`alter table alias_moves drop constraint alias_moves_outcome_check`.execute(db);
  await sql`alter table alias_moves
    add constraint alias_moves_outcome_check check (outcome in ('moved', 'rejected', 'pending', 'refused')),
    add column gate jsonb,
    add column gate_report jsonb,
    add column gate_skipped boolean not null default false,
    add column decided_at timestamptz`.execute(db);
  // At most one move of an alias waits for its gate: a second would race the first to the alias.
  await sql`create unique index alias_moves_one_pending on alias_moves (model_id, alias) where outcome = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index alias_moves_one_pending`.execute(db);
  await sql`delete from alias_moves where outcome in ('pending', 'refused')`.execute(db);
  await sql`alter table alias_moves
    drop column gate, drop column gate_report, drop column gate_skipped, drop column decided_at,
    drop constraint alias_moves_outcome_check,
    add constraint alias_moves_outcome_check check (outcome in ('moved', 'rejected'))`.execute(db);
  await db.schema.dropTable('alias_gates').execute();
}
