import { toMicroSegError } from '@microseg/errors';

export interface OutputOptions {
  json?: boolean;
}

/**
 * Prints a command's result: the JSON value for scripts (`--json`), or the readable text.
 * Output goes to stdout only here, so that `--json` output is always one parseable document, on
 * one line (scripts read a document per line).
 */
export function printResult<T>(options: OutputOptions, value: T, readable: (value: T) => string): void {
  if (options.json) process.stdout.write(`${JSON.stringify(value)}\n`);
  else process.stdout.write(`${readable(value)}\n`);
}

/** Prints an error as `{"error":{code,message,details}}` on stderr (JSON mode) or one line, and returns the exit code. */
export function printError(error: unknown, json: boolean): number {
  const failure = toMicroSegError(error);
  if (json) {
    process.stderr.write(`${JSON.stringify({ error: failure.toJSON() })}\n`);
  } else {
    const details = Object.keys(failure.details).length ? ` ${JSON.stringify(failure.details)}` : '';
    process.stderr.write(`error ${failure.code}: ${failure.message}${details}\n`);
  }
  return failure.code === 'INTERNAL' ? 70 : 1;
}
