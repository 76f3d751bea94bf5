import { decodeCursor, encodeCursor } from '@microseg/contracts';
import { invalidInput } from '@microseg/errors';

export interface ConnectionPage<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** A service's page ({ nodes, endCursor, hasNextPage }) as a GraphQL connection. */
export const connectionOf = <T>(page: { nodes: T[]; endCursor: string | null; hasNextPage: boolean }): ConnectionPage<T> => ({
  nodes: page.nodes,
  pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
});

/**
 * A page of a list the service answers whole, in the service's order. These lists stay short
 * per parent (an image's measurements, a model's alias moves, a group's keys) and are often
 * fetched in one batch for many parents, so paging them here gives every client the same
 * connection as everywhere else without a cursor in each service contract. The cursor is the
 * last node's id; one that is not in the list is refused rather than read as "from the start".
 */
export function pageOfList<T>(items: readonly T[], idOf: (item: T) => string, { first, after }: PageArgs): ConnectionPage<T> {
  const afterId = after ? decodeCursor(after) : undefined;
  const start = afterId === undefined ? 0 : items.findIndex((item) => idOf(item) === afterId) + 1;
  if (start === 0 && afterId !== undefined) throw invalidInput('invalid page cursor: pass the endCursor of a previous page', { cursor: after });
  const size = Math.min(Math.max(first ?? 50, 1), 500);
  const nodes = items.slice(start, start + size);
  const last = nodes.at(-1);
  return { nodes, pageInfo: { endCursor: last ? encodeCursor(idOf(last)) : null, hasNextPage: start + size < items.length } };
}
