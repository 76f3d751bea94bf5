import { type Kysely, sql } from '@microseg/db';

/** Objects of deleted images, masks and datasets, removed from the store once due (survives restarts). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_object_deletions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('pending_object_deletions_due').on('pending_object_deletions').column('due_at').execute();
}
