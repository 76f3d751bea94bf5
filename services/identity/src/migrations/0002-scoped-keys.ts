import { type Kysely, sql } from '@microseg/db';

/** Machine keys limited to scopes, to a list of trusted documents, and in time (issue 15, item 10). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    // Null, not empty, means "whatever the role allows": an empty list would be a key that can do nothing.
    .addColumn('scopes', sql`text[]`)
    .addColumn('expires_at', 'timestamptz')
    .addColumn('allowed_operations', sql`text[]`)
    .execute();
}
