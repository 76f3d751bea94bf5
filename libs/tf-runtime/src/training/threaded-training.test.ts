import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PROGRAM = fileURLToPath(new URL('../testing/train-curve.ts', import.meta.url));
const STEPS = 8;
const CUT = 3;

interface Curves {
  threads: number;
  uninterrupted: number[];
  resumed: number[];
}

/** The wasm backend's thread pool is fixed per process: each thread count trains in a process of its own. */
async function curves(threads: number): Promise<Curves> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROGRAM, String(threads), String(STEPS), String(CUT)], {
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Curves;
}

describe('training on the threaded wasm build', () => {
  it('gives the single-threaded loss curve exactly, and resumes from a checkpoint exactly, on 2 threads', async () => {
    const [one, two] = await Promise.all([curves(1), curves(2)]);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(one.uninterrupted).toHaveLength(STEPS);
    expect(one.uninterrupted.at(-1)!).toBeLessThan(one.uninterrupted[0]!);
    // Tolerance zero: the thread pool splits output rows, never a sum, so every float is the same.
    expect(two.uninterrupted).toEqual(one.uninterrupted);
    expect(two.resumed).toEqual(two.uninterrupted);
    expect(one.resumed).toEqual(one.uninterrupted);
  }, 240_000);
});
