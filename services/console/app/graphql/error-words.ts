import type { CombinedError } from '@urql/core';

// The platform's stable error codes (README) in words a microscopist can act on.
const WORDS: Record<string, string> = {
  UNAUTHENTICATED: 'This API key was not accepted: it was revoked, has a typo, or belongs to another platform.',
  FORBIDDEN: 'Your role does not allow this.',
  NOT_FOUND: 'Not found: it does not exist, was deleted, or belongs to a group that has not shared it with yours.',
  INVALID_INPUT: 'The platform refused the input.',
  CONFLICT: 'Someone changed this at the same time; reload and try again.',
  UNAVAILABLE: 'A MicroSeg service is not answering right now; try again in a moment.',
  TIMEOUT: 'The platform took too long to answer; try again in a moment.',
  INTERNAL: 'The platform failed unexpectedly; the service logs say why.',
};

/** What a page says when the API answers null for the id in its address (a lookup's "not found"). */
export const NOT_FOUND_WORDS = WORDS['NOT_FOUND'] ?? 'Not found.';

/** One sentence for an error, the platform's own message after it when it adds something. */
export function errorInWords(error: CombinedError): string {
  if (error.networkError) return 'The MicroSeg platform cannot be reached. Is it running?';
  const first = error.graphQLErrors[0];
  if (!first) return error.message;
  const code = typeof first.extensions['code'] === 'string' ? first.extensions['code'] : 'INTERNAL';
  const words = WORDS[code] ?? WORDS['INTERNAL'];
  return code === 'INVALID_INPUT' || code === 'CONFLICT' ? `${words} ${first.message}` : words ?? first.message;
}
