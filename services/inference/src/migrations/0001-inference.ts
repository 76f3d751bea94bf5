import { type Kysely, sql } from '@microseg/db';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('model_id', 'uuid', (c) => c.notNull())
    .addColumn('model_version_id', 'uuid', (c) => c.notNull())
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('policies_dataset_model_alias', ['dataset_id', 'model_id', 'alias'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('policy_id', 'uuid', (c) => c.references('policies.id'))
    .addColumn('model_version_id', 'uuid', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('upload', 'batch', 'alias-move')`))
    .addColumn('total', 'integer', (c) => c.notNull())
    // The upload that triggered the run: a redelivered image.uploaded starts no second run.
    .addColumn('source_image_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('runs_policy_upload', ['policy_id', 'source_image_id'])
    .execute();
  await db.schema.createIndex('runs_dataset').on('runs').columns(['dataset_id', 'created_at']).execute();

  await db.schema
    .createTable('run_items')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('runs.id'))
    .addColumn('image_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('run_items_pk', ['run_id', 'image_id'])
    .execute();

  await db.schema
    .createTable('segmentations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('image_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('model_version_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('succeeded', 'failed')`))
    .addColumn('error', 'jsonb')
    .addColumn('mask_id', 'uuid')
    .addColumn('mask_bucket', 'text')
    .addColumn('mask_key', 'text')
    .addColumn('mask_sha256', 'text')
    .addColumn('probabilities_bucket', 'text')
    .addColumn('probabilities_key', 'text')
    .addColumn('probabilities_sha256', 'text')
    .addColumn('run_id', 'uuid')
    .addColumn('backend', 'text', (c) => c.notNull())
    .addColumn('tiles', 'integer', (c) => c.notNull())
    .addColumn('compute_ms', 'double precision', (c) => c.notNull())
    .addColumn('code_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('segmentations_image_version', ['image_id', 'model_version_id'])
    .execute();
}
