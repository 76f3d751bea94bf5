import { sql } from '@microseg/db';
import type { RawBuilder } from 'kysely';

/**
 * The SQL form of contracts' `canRead` for a table with group_id / visibility_level / shared_with:
 * the owner, everyone for public rows, and the named groups for shared ones.
 */
export function readableBy(table: 'model_versions' | 'imported_weights', groupId: string): RawBuilder<boolean> {
  const t = sql.table(table);
  return sql<boolean>`(${t}.group_id = ${groupId} or ${t}.visibility_level = 'public'
    or (${t}.visibility_level = 'shared' and ${t}.shared_with @> ${JSON.stringify([groupId])}::jsonb))`;
}
