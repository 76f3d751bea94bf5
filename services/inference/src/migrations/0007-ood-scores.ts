import { type Kysely, sql } from '@microseg/db';

/**
 * Each segmentation's out-of-distribution verdict (issue 13): its score, the version's threshold,
 * and whether it was flagged; the reason when no verdict could be given. All null on failed steps
 * and on segmentations from before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table segmentations
    add column ood_method text,
    add column ood_score double precision,
    add column ood_threshold double precision,
    add column ood_flagged boolean,
    add column ood_reason text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table segmentations drop column ood_method, drop column ood_score, drop column ood_threshold, drop column ood_flagged, drop column ood_reason`.execute(db);
}
