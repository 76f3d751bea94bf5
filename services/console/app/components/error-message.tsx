import type { CombinedError } from '@urql/core';
import { errorInWords } from '../graphql/error-words.ts';

export function ErrorMessage({ error }: { error: CombinedError }) {
  return (
    <p class="error" role="alert">
      {errorInWords(error)}
    </p>
  );
}
