import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPlainFolder } from './plain-folder.ts';

describe('a plain folder of micrographs (no manifest)', () => {
  let dir: string;
  const touch = async (...names: string[]) => {
    for (const name of names) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), '');
    }
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plain-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('takes every PNG, TIFF and JPEG as an image and masks/<name>.png as its mask', async () => {
    await touch('b.TIF', 'a.png', 'c.jpeg', 'masks/a.png', 'notes.txt', '.DS_Store', 'masks/.DS_Store');
    expect(await readPlainFolder(dir)).toEqual({
      files: [
        { name: 'a', image: 'a.png', mask: join('masks', 'a.png') },
        { name: 'b', image: 'b.TIF', mask: null },
        { name: 'c', image: 'c.jpeg', mask: null },
      ],
      skipped: ['notes.txt'],
    });
  });

  it('refuses two images with one name before anything is uploaded', async () => {
    await touch('a.png', 'a.tif');
    await expect(readPlainFolder(dir)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { problem: 'duplicate-name', name: 'a' } });
  });

  it('refuses a mask that has no image, instead of leaving it out', async () => {
    await touch('a.png', 'masks/b.png');
    await expect(readPlainFolder(dir)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { problem: 'mask-without-image', file: 'masks/b.png' } });
  });

  it('refuses a folder without images, and one that cannot be read', async () => {
    await touch('readme.md');
    await expect(readPlainFolder(dir)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { problem: 'no-images' } });
    await expect(readPlainFolder(join(dir, 'missing'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
