import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');

/** Runs `microseg ... --json` as a user would, against a test platform; returns the parsed JSON. */
export async function microsegJson<T>(graphqlUrl: string, apiKey: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [BIN, '--url', graphqlUrl, '--api-key', apiKey, ...args, '--json'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}
