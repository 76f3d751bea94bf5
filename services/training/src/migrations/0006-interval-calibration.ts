import { type Kysely, sql } from '@microseg/db';

/**
 * A version's measurement-interval calibration (issue 13): the split-conformal factors its
 * validation split gave, per class and quantity. Null for versions registered without one (no
 * validation split, binary tasks, imported packages, versions from before): their intervals are
 * the model's own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table model_versions add column interval_calibration jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table model_versions drop column interval_calibration`.execute(db);
}
