import { type Kysely, sql } from '@microseg/db';

/**
 * The intervals of a measurement set's numbers (issue 13): one JSON document per set, as the
 * contract's measurementUncertaintySchema. Sets measured before stay null: no intervals.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table measurement_sets add column uncertainty jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table measurement_sets drop column uncertainty`.execute(db);
}
