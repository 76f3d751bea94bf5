import { type Kysely, sql } from '@microseg/db';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('dataset_id', 'uuid', (c) => c.primaryKey())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('profile', 'jsonb', (c) => c.notNull())
    .addColumn('profile_hash', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('masks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('image_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('ground_truth', 'model')`))
    .addColumn('model_version_id', 'text')
    .addColumn('index_bucket', 'text', (c) => c.notNull())
    .addColumn('index_key', 'text', (c) => c.notNull())
    .addColumn('index_sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('pixel_size_value', 'double precision')
    .addColumn('pixel_size_unit', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('superseded_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('masks_dataset')
    .on('masks')
    .columns(['dataset_id', 'image_id'])
    .execute();
  await db.schema.createIndex('masks_image').on('masks').column('image_id').execute();

  await db.schema
    .createTable('measurement_sets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mask_id', 'uuid', (c) => c.notNull().references('masks.id'))
    .addColumn('image_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('model_version_id', 'text')
    .addColumn('mask_sha256', 'text', (c) => c.notNull())
    .addColumn('profile', 'jsonb', (c) => c.notNull())
    .addColumn('profile_hash', 'text', (c) => c.notNull())
    .addColumn('code_version', 'text', (c) => c.notNull())
    .addColumn('pixel_size_value', 'double precision')
    .addColumn('pixel_size_unit', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('succeeded', 'failed')`))
    .addColumn('error', 'jsonb')
    .addColumn('size_histogram_key', 'text')
    .addColumn('thickness_histogram_key', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('measurement_sets_identity', ['mask_id', 'profile_hash', 'code_version'])
    .execute();
  await db.schema
    .createIndex('measurement_sets_image')
    .on('measurement_sets')
    .column('image_id')
    .execute();
  await db.schema
    .createIndex('measurement_sets_dataset')
    .on('measurement_sets')
    .columns(['dataset_id', 'profile_hash'])
    .execute();

  await db.schema
    .createTable('particle_classes')
    .addColumn('measurement_id', 'uuid', (c) =>
      c.notNull().references('measurement_sets.id').onDelete('cascade'),
    )
    .addColumn('class', 'integer', (c) => c.notNull())
    .addColumn('pixel_count', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('statistics', 'jsonb', (c) => c.notNull())
    .addColumn('objects', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('particle_classes_pk', ['measurement_id', 'class'])
    .execute();

  await db.schema
    .createTable('thickness_results')
    .addColumn('measurement_id', 'uuid', (c) =>
      c.primaryKey().references('measurement_sets.id').onDelete('cascade'),
    )
    .addColumn('statistics', 'jsonb', (c) => c.notNull())
    .addColumn('values', 'jsonb', (c) => c.notNull())
    .addColumn('profile', 'jsonb', (c) => c.notNull())
    .execute();
}
