import { type Kysely, sql } from '@microseg/db';

/**
 * A version's out-of-distribution calibration (issue 13): the threshold its validation split gave
 * and where the reference features lie. Null for versions registered without one (no validation
 * split, imported packages, versions from before): their images are scored with no verdict.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table model_versions add column ood_calibration jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table model_versions drop column ood_calibration`.execute(db);
}
