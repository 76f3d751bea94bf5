import { type Kysely, sql } from '@microseg/db';

/**
 * The conventions a version's numbers depend on (issue 13): its class rule, its 16-bit input
 * conversion, and what its IoU means. Rows from before keep what they were made with: argmax,
 * /65535, and the mean IoU per class.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['training_jobs', 'model_versions']) {
    await sql`alter table ${sql.table(table)}
      add column class_rule text not null default 'argmax' check (class_rule in ('threshold', 'argmax')),
      add column sixteen_bit_input text not null default 'full_range' check (sixteen_bit_input in ('full_range', 'high_byte'))`.execute(db);
  }
  await sql`alter table model_versions
    add column iou_definition text not null default 'mean_class' check (iou_definition in ('paper', 'mean_class'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table model_versions drop column iou_definition`.execute(db);
  for (const table of ['training_jobs', 'model_versions']) {
    await sql`alter table ${sql.table(table)} drop column class_rule, drop column sixteen_bit_input`.execute(db);
  }
}
