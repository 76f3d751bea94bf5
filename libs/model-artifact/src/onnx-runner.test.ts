import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultThreads } from './onnx-runner.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpu-max-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('defaultThreads', () => {
  it('is one per available core without a CPU quota', async () => {
    await writeFile(join(dir, 'unlimited'), 'max 100000\n');
    expect(defaultThreads(join(dir, 'unlimited'))).toBe(availableParallelism());
    expect(defaultThreads(join(dir, 'absent'))).toBe(availableParallelism());
  });

  it('is capped by a container CPU limit, rounded up', async () => {
    await writeFile(join(dir, 'half'), '50000 100000\n');
    expect(defaultThreads(join(dir, 'half'))).toBe(1);
    await writeFile(join(dir, 'huge'), '6400000 100000\n');
    expect(defaultThreads(join(dir, 'huge'))).toBe(availableParallelism());
  });
});
