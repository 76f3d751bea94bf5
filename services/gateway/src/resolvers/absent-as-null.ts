import { isMicroSegError } from '@microseg/errors';

/**
 * A lookup by id answers null when there is nothing the caller can read by that id (as GraphQL
 * clients expect of a lookup), instead of a NOT_FOUND error. Services answer NOT_FOUND alike for
 * an id that does not exist and for another group's private one, so null tells nothing about
 * other groups either. Other errors (a malformed id, an unavailable service) stay errors.
 */
export async function absentAsNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
