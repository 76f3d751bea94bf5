import { type Kysely, sql } from '@microseg/db';

/**
 * A scheduled deletion may name a folder (`prefix`): the deep-zoom tiles of a deleted image are
 * hundreds of objects the service makes, recorded nowhere one by one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pending_object_deletions').addColumn('prefix', 'boolean', (c) => c.notNull().defaultTo(sql`false`)).execute();
}
