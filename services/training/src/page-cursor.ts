import { decodePositionCursor, encodePositionCursor } from '@microseg/contracts';

/** Newest first by (created_at, id); the cursor carries both (microseconds survive as text). */
export function cursorOf(row: { created_at: Date; id: string }): string {
  return encodePositionCursor(row.created_at.toISOString(), row.id);
}

export function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const { at, id } = decodePositionCursor(cursor);
  return { createdAt: new Date(at), id };
}

export function pageOf<R extends { created_at: Date; id: string }, T>(rows: R[], first: number, map: (row: R) => T) {
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return { nodes: page.map(map), endCursor: last ? cursorOf(last) : null, hasNextPage: rows.length > first };
}
