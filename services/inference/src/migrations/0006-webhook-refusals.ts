import { type Kysely, sql } from '@microseg/db';

export async function up(db: Kysely<any>): Promise<void> {
  // A delivery whose target is a refused address (loopback, private...) ends `refused`, and its
  // attempt names the rule instead of an HTTP status: nothing was sent.
  await sql`alter table webhook_deliveries drop constraint webhook_deliveries_state_check`.execute(db);
  await sql`alter table webhook_deliveries add constraint webhook_deliveries_state_check check (state in ('pending', 'delivered', 'dead', 'refused'))`.execute(db);
  await db.schema.alterTable('webhook_attempts').addColumn('refused_rule', 'text').execute();
}
