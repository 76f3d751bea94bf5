import { invalidInput } from '@microseg/errors';
import { z } from 'zod';

/** Cursor pages: `after` is an opaque cursor from a previous page's `endCursor`. */
export const pageRequestSchema = z.object({
  first: z.number().int().min(1).max(500).default(50),
  after: z.string().optional(),
});
export type PageRequest = z.infer<typeof pageRequestSchema>;

export function pageSchema<T extends z.ZodType>(node: T) {
  return z.object({
    nodes: z.array(node),
    endCursor: z.string().nullable(),
    hasNextPage: z.boolean(),
    totalCount: z.number().int().optional(),
  });
}

export const encodeCursor = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

/**
 * The value inside a cursor. Cursors are opaque to clients, so anything that is not one we wrote
 * (not base64url, or not its canonical form) is INVALID_INPUT here, before it reaches a query.
 */
export function decodeCursor(cursor: string): string {
  const value = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
  if (value === undefined || encodeCursor(value) !== cursor) throw invalidCursor(cursor);
  return value;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset position, newest or oldest first by (time, id): `at` is an ISO UTC time with up to microseconds. */
export const encodePositionCursor = (at: string, id: string): string => encodeCursor(`${at}|${id}`);

/** The (time, id) of a position cursor, checked to be a time and a uuid: both go into SQL as typed values. */
export function decodePositionCursor(cursor: string): { at: string; id: string } {
  const [at = '', id = '', ...rest] = decodeCursor(cursor).split('|');
  if (rest.length > 0 || !CURSOR_TIME.test(at) || Number.isNaN(Date.parse(at)) || !UUID.test(id)) throw invalidCursor(cursor);
  return { at, id };
}

const invalidCursor = (cursor: string) => invalidInput('invalid page cursor: pass the endCursor of a previous page', { cursor: cursor.slice(0, 100) });
