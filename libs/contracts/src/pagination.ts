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
export const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');
