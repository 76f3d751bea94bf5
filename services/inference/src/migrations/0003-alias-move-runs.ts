import { type Kysely, sql } from '@microseg/db';

export async function up(db: Kysely<any>): Promise<void> {
  // One re-segmentation run per (policy, version the alias moved to): a redelivered
  // model-alias.moved starts no second run.
  await sql`create unique index runs_policy_alias_move on runs (policy_id, model_version_id) where trigger = 'alias-move'`.execute(db);
}
