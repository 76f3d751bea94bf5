import { describe, expect, it } from 'vitest';
import { type PickedFile, planUploads } from './plan-uploads.ts';

const picked = (...paths: string[]): PickedFile[] => paths.map((path) => ({ path, file: new File([], path.split('/').pop() ?? '') }));
const rows = (paths: string[]) =>
  planUploads(picked(...paths)).map((row) => (row.kind === 'image' ? { image: row.image.path, name: row.name, mask: row.mask?.path ?? null } : { refused: row.path }));

describe('what dropped files become (the plain-folder convention of microseg dataset import)', () => {
  it('uploads loose images on their own', () => {
    expect(rows(['b.TIF', 'a.png'])).toEqual([
      { image: 'a.png', name: 'a', mask: null },
      { image: 'b.TIF', name: 'b', mask: null },
    ]);
  });

  it('pairs a folder of images with masks/<name>.png, and skips hidden files', () => {
    expect(rows(['run/a.png', 'run/masks/a.png', 'run/b.jpeg', 'run/.DS_Store'])).toEqual([
      { image: 'run/a.png', name: 'a', mask: 'run/masks/a.png' },
      { image: 'run/b.jpeg', name: 'b', mask: null },
    ]);
  });

  it('gives every file it will not upload a row that says so', () => {
    expect(rows(['run/notes.txt', 'run/deep/c.png', 'run/masks/z.png', 'run/masks/a.tif', 'run/a.png', 'run/a.tif'])).toEqual([
      { image: 'run/a.png', name: 'a', mask: null },
      { refused: 'run/a.tif' },
      { refused: 'run/deep/c.png' },
      { refused: 'run/masks/a.tif' },
      { refused: 'run/notes.txt' },
      { refused: 'run/masks/z.png' },
    ]);
  });
});
