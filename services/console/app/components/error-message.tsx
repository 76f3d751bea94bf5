import type { CombinedError } from '@urql/core';
import { NOT_FOUND_WORDS, errorInWords } from '../graphql/error-words.ts';

export function ErrorMessage({ error }: { error: CombinedError }) {
  return (
    <p class="error" role="alert">
      {errorInWords(error)}
    </p>
  );
}

/** What a page says when the API answers null for the id in its address. */
export function NotFoundMessage({ what }: { what: string }) {
  return (
    <p class="error" role="alert" aria-label={`No ${what} with this id`}>
      {NOT_FOUND_WORDS}
    </p>
  );
}
