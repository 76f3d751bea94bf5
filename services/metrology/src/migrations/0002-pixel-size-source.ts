import { type Kysely, sql } from '@microseg/db';

/**
 * Where a measurement's pixel size came from (issue 13): the image's source as the mask arrived
 * with it, or the profile. Rows from before stay null: not recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table masks add column pixel_size_source text`.execute(db);
  await sql`alter table measurement_sets add column pixel_size_source text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table measurement_sets drop column pixel_size_source`.execute(db);
  await sql`alter table masks drop column pixel_size_source`.execute(db);
}
