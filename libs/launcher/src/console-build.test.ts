import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleBuildIsStale } from './console-build.ts';

describe('consoleBuildIsStale', () => {
  let dir: string;
  const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-build-'));
    await mkdir(join(dir, 'app', 'pages'), { recursive: true });
    await writeFile(join(dir, 'app', 'pages', 'page.tsx'), '');
    await writeFile(join(dir, 'package.json'), '{}');
    for (const path of ['app/pages/page.tsx', 'app/pages', 'app', 'package.json']) await utimes(join(dir, path), at(0), at(0));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is stale without a build (a fresh clone)', () => {
    expect(consoleBuildIsStale(dir)).toBe(true);
  });

  it('is fresh when the build is newer than every source, and stale again when a nested source changes', async () => {
    await mkdir(join(dir, 'dist', 'app'), { recursive: true });
    await writeFile(join(dir, 'dist', 'app', 'index.html'), '');
    await utimes(join(dir, 'dist', 'app', 'index.html'), at(10), at(10));
    expect(consoleBuildIsStale(dir)).toBe(false);
    await utimes(join(dir, 'app', 'pages', 'page.tsx'), at(20), at(20));
    expect(consoleBuildIsStale(dir)).toBe(true);
  });
});
