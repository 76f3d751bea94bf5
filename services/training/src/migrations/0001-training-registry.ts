import { type Kysely, sql } from '@microseg/db';

const visibility = (table: string) => [
  sql.raw(`alter table ${table} add column visibility_level text not null default 'private' check (visibility_level in ('private', 'shared', 'public'))`),
  sql.raw(`alter table ${table} add column shared_with jsonb not null default '[]'::jsonb`),
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    // The submitter's principal: workers act for it when they read the dataset's objects.
    .addColumn('principal', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`))
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_version_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_hash', 'text', (c) => c.notNull())
    .addColumn('experiment', 'text', (c) => c.notNull())
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('architecture', 'text', (c) => c.notNull())
    .addColumn('encoder', 'text', (c) => c.notNull())
    .addColumn('classes', 'jsonb', (c) => c.notNull())
    .addColumn('binary', 'boolean', (c) => c.notNull())
    .addColumn('init', 'jsonb', (c) => c.notNull())
    .addColumn('recipe', 'jsonb', (c) => c.notNull())
    .addColumn('model_name', 'text', (c) => c.notNull())
    // The frozen train/val/test object references of the dataset version: the job reads exactly these.
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('progress', 'jsonb', (c) => c.notNull())
    .addColumn('checkpoint_epoch', 'integer')
    .addColumn('error', 'jsonb')
    .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('worker_kind', 'text')
    .addColumn('worker_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('model_version_id', 'uuid')
    .addColumn('benchmark_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index training_jobs_queue on training_jobs (queued_at, id) where state = 'queued'`.execute(db);
  await sql`create index training_jobs_group on training_jobs (group_id, created_at, id)`.execute(db);
  await sql`create index training_jobs_benchmark on training_jobs (benchmark_id) where benchmark_id is not null`.execute(db);

  await db.schema
    .createTable('training_epochs')
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('training_jobs.id'))
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('loss', 'double precision', (c) => c.notNull())
    .addColumn('val_iou', 'double precision', (c) => c.notNull())
    .addColumn('learning_rate', 'double precision', (c) => c.notNull())
    .addColumn('seconds', 'double precision', (c) => c.notNull())
    .addColumn('improved', 'boolean', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('training_epochs_pk', ['job_id', 'epoch'])
    .execute();

  await db.schema
    .createTable('models')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('classes', 'jsonb', (c) => c.notNull())
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('card', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index models_group_name on models (group_id, lower(name))`.execute(db);

  await db.schema
    .createTable('model_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('model_id', 'uuid', (c) => c.notNull().references('models.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('architecture', 'text', (c) => c.notNull())
    .addColumn('encoder', 'text', (c) => c.notNull())
    .addColumn('classes', 'jsonb', (c) => c.notNull())
    .addColumn('binary', 'boolean', (c) => c.notNull())
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull())
    .addColumn('val_iou', 'double precision', (c) => c.notNull())
    .addColumn('test_iou', 'double precision')
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_version_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_hash', 'text', (c) => c.notNull())
    .addColumn('experiment', 'text', (c) => c.notNull())
    .addColumn('parent', 'jsonb', (c) => c.notNull())
    .addColumn('parent_version_id', 'uuid')
    .addColumn('code_version', 'text', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('duration_seconds', 'double precision', (c) => c.notNull())
    .addColumn('worker_kind', 'text', (c) => c.notNull())
    .addColumn('artifact_bucket', 'text', (c) => c.notNull())
    .addColumn('artifact_prefix', 'text', (c) => c.notNull())
    .addColumn('job_id', 'uuid', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('model_versions_number', ['model_id', 'number'])
    .execute();
  for (const statement of visibility('model_versions')) await statement.execute(db);
  await sql`create index model_versions_dataset on model_versions (dataset_version_id)`.execute(db);
  await sql`create index model_versions_parent on model_versions (parent_version_id) where parent_version_id is not null`.execute(db);

  await db.schema
    .createTable('model_aliases')
    .addColumn('model_id', 'uuid', (c) => c.notNull().references('models.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('model_versions.id'))
    .addColumn('moved_by', 'uuid', (c) => c.notNull())
    .addColumn('moved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('model_aliases_pk', ['model_id', 'alias'])
    .execute();
  await db.schema
    .createTable('alias_moves')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('model_id', 'uuid', (c) => c.notNull().references('models.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('from_version_id', 'uuid')
    .addColumn('to_version_id', 'uuid', (c) => c.notNull())
    .addColumn('moved_by', 'uuid', (c) => c.notNull())
    .addColumn('moved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('moved', 'rejected')`))
    .execute();
  await sql`create index alias_moves_model on alias_moves (model_id, moved_at)`.execute(db);

  await db.schema
    .createTable('weights_uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('weights_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('imported_weights')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('architecture', 'text')
    .addColumn('encoder', 'text', (c) => c.notNull())
    .addColumn('pretraining', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('tensor_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const statement of visibility('imported_weights')) await statement.execute(db);

  await db.schema
    .createTable('benchmarks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('dataset_id', 'uuid', (c) => c.notNull())
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['benchmarks', 'imported_weights', 'weights_uploads', 'alias_moves', 'model_aliases', 'model_versions', 'models', 'training_epochs', 'training_jobs']) {
    await db.schema.dropTable(table).execute();
  }
}
