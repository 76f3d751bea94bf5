import { decodeCursor, encodeCursor } from '@microseg/contracts';
import { invalidInput } from '@microseg/errors';

/** Newest first by (created_at, id); the cursor carries both (microseconds survive as text). */
export function cursorOf(row: { created_at: Date; id: string }): string {
  return encodeCursor(`${row.created_at.toISOString()}|${row.id}`);
}

export function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = decodeCursor(cursor).split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw invalidInput('invalid page cursor', { cursor });
  return { createdAt, id };
}

export function pageOf<R extends { created_at: Date; id: string }, T>(rows: R[], first: number, map: (row: R) => T) {
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return { nodes: page.map(map), endCursor: last ? cursorOf(last) : null, hasNextPage: rows.length > first };
}
