import { type Kysely, sql } from '@microseg/db';
import { idempotencyKeysMigration } from '@microseg/messaging';

const softDeleted = ['deleted_at', 'deleted_by'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('classes', 'jsonb', (c) => c.notNull())
    .addColumn('default_pixel_size_value', 'double precision')
    .addColumn('default_pixel_size_unit', 'text', (c) => c.check(sql`default_pixel_size_unit in ('nm', 'um', 'mm')`))
    .addColumn('visibility_level', 'text', (c) => c.notNull().check(sql`visibility_level in ('private', 'shared', 'public')`))
    .addColumn('shared_with', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn(softDeleted[0], 'timestamptz')
    .addColumn(softDeleted[1], 'uuid')
    .execute();
  await sql`create unique index datasets_group_name on datasets (group_id, lower(name)) where deleted_at is null`.execute(db);
  await sql`create index datasets_readable on datasets (visibility_level, created_at, id) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('images')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('upload_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('lossy', 'boolean', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('channels', 'integer', (c) => c.notNull())
    .addColumn('bit_depth', 'integer', (c) => c.notNull())
    .addColumn('pixel_size_value', 'double precision')
    .addColumn('pixel_size_unit', 'text')
    .addColumn('pixel_size_source', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('lims_id', 'text')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('original_key', 'text', (c) => c.notNull())
    .addColumn('normalised_key', 'text', (c) => c.notNull())
    .addColumn('normalised_sha256', 'text', (c) => c.notNull())
    .addColumn('thumbnail_key', 'text', (c) => c.notNull())
    .addColumn('thumbnail_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn(softDeleted[0], 'timestamptz')
    .addColumn(softDeleted[1], 'uuid')
    .execute();
  // Dedupe: the same bytes are one image per dataset. Names are unique because export writes files by name.
  await sql`create unique index images_dataset_sha256 on images (dataset_id, sha256) where deleted_at is null`.execute(db);
  await sql`create unique index images_dataset_name on images (dataset_id, name) where deleted_at is null`.execute(db);
  // A LIMS sample id names one image within the group, whichever dataset holds it.
  await sql`create unique index images_group_lims_id on images (group_id, lims_id) where deleted_at is null and lims_id is not null`.execute(db);
  await sql`create index images_dataset_page on images (dataset_id, created_at, id) where deleted_at is null`.execute(db);
  await sql`create index images_metadata on images using gin (metadata jsonb_path_ops)`.execute(db);

  await db.schema
    .createTable('masks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('image_id', 'uuid', (c) => c.notNull().references('images.id'))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('upload_id', 'uuid', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('ground_truth', 'model')`))
    .addColumn('model_version_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('class_pixels', 'jsonb', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('original_key', 'text', (c) => c.notNull())
    .addColumn('index_key', 'text', (c) => c.notNull())
    .addColumn('index_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn(softDeleted[0], 'timestamptz')
    .addColumn(softDeleted[1], 'uuid')
    .execute();
  // One current ground truth per image, and one current prediction per model version.
  await sql`create unique index masks_current on masks (image_id, source, coalesce(model_version_id, '')) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('experiments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn(softDeleted[0], 'timestamptz')
    .addColumn(softDeleted[1], 'uuid')
    .execute();
  await sql`create unique index experiments_dataset_name on experiments (dataset_id, name) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('split_assignments')
    .addColumn('experiment_id', 'uuid', (c) => c.notNull().references('experiments.id'))
    .addColumn('image_id', 'uuid', (c) => c.notNull().references('images.id'))
    .addColumn('subset', 'text', (c) => c.notNull().check(sql`subset in ('train', 'val', 'test')`))
    .addPrimaryKeyConstraint('split_assignments_pk', ['experiment_id', 'image_id'])
    .execute();
  await db.schema.createIndex('split_assignments_image').on('split_assignments').column('image_id').execute();

  await db.schema
    .createTable('dataset_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('image_count', 'integer', (c) => c.notNull())
    .addColumn('mask_count', 'integer', (c) => c.notNull())
    .addColumn('experiments', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('dataset_versions_number', ['dataset_id', 'number'])
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull().references('datasets.id'))
    .addColumn('image_id', 'uuid')
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('image', 'mask')`))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('expected_size', 'bigint', (c) => c.notNull())
    .addColumn('expected_sha256', 'text', (c) => c.notNull())
    .addColumn('multipart_upload_id', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'completed', 'failed')`))
    .addColumn('result_id', 'uuid')
    .addColumn('failure', 'jsonb')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();

  // The shared table from its one frozen migration (libs/messaging): the same DDL this migration
  // always ran, now from the one place every service takes it from.
  await idempotencyKeysMigration.up(db);
}
