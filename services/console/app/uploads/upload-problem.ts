import type { CombinedError } from '@urql/core';
import { errorInWords } from '../graphql/error-words.ts';
import { PutFailed } from './put-blob.ts';

/** Why an upload stopped, in words, with the platform's code and problem for a bug report. */
export interface UploadProblem {
  words: string;
  /** e.g. `INVALID_INPUT · truncated`: the typed error as the platform gave it. */
  code: string | null;
}

export class UploadStopped extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem.words);
  }
}

export function problemOf(error: unknown): UploadProblem {
  if (error instanceof UploadStopped) return error.problem;
  if (error instanceof PutFailed) return { words: error.words, code: error.status ? `HTTP ${error.status}` : null };
  if (isCombinedError(error)) {
    const first = error.graphQLErrors[0];
    const code = first && typeof first.extensions['code'] === 'string' ? first.extensions['code'] : null;
    const details = first?.extensions['details'] as Record<string, unknown> | undefined;
    const problem = typeof details?.['problem'] === 'string' ? details['problem'] : null;
    return { words: errorInWords(error), code: code && [code, problem].filter(Boolean).join(' · ') };
  }
  return { words: `The upload failed in this browser: ${error instanceof Error ? error.message : String(error)}`, code: null };
}

function isCombinedError(error: unknown): error is CombinedError {
  return error instanceof Error && error.name === 'CombinedError';
}
