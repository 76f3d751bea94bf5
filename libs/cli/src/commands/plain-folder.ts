import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join, parse } from 'node:path';
import { fileNameProblem } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';

/** What the platform decodes (README, "Images"); anything else in the folder is listed as skipped. */
const IMAGE_EXTENSIONS = new Set(['.png', '.tif', '.tiff', '.jpg', '.jpeg']);

export interface PlainFolderFile {
  /** The image name in the dataset: the file name without its extension. */
  name: string;
  image: string;
  /** `masks/<name>.png` beside the images, when there is one. */
  mask: string | null;
}

export interface PlainFolder {
  files: PlainFolderFile[];
  /** Entries that are neither an image nor `masks/`: reported, never silently dropped. */
  skipped: string[];
}

/**
 * A folder of micrographs without a manifest: every PNG, TIFF or JPEG in it is an image, and
 * `masks/<name>.png` (same name without extension) is its mask. Refused before any upload: two
 * images with one name, a mask without its image, a name the platform would refuse.
 */
export async function readPlainFolder(dir: string): Promise<PlainFolder> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new MicroSegError('INVALID_INPUT', `cannot read the folder ${dir}: ${(error as Error).message}`, { cause: error, details: { path: dir } });
  }
  const files = new Map<string, PlainFolderFile>();
  const skipped: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || (entry.isDirectory() && entry.name === 'masks')) continue;
    if (!entry.isFile() || !IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      skipped.push(entry.name);
      continue;
    }
    const { name } = parse(entry.name);
    const problem = fileNameProblem(name);
    if (problem) throw new MicroSegError('INVALID_INPUT', `the image name ${JSON.stringify(name)} (from ${entry.name}) ${problem}`, { details: { file: entry.name } });
    const twin = files.get(name);
    if (twin) {
      throw new MicroSegError('INVALID_INPUT', `${twin.image} and ${entry.name} would both be the image "${name}": keep one of them`, {
        details: { problem: 'duplicate-name', name },
      });
    }
    files.set(name, { name, image: entry.name, mask: null });
  }
  const masksDir = join(dir, 'masks');
  if (existsSync(masksDir)) {
    for (const entry of await readdir(masksDir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const { name, ext } = parse(entry.name);
      const file = files.get(name);
      if (!entry.isFile() || ext.toLowerCase() !== '.png' || !file) {
        throw new MicroSegError('INVALID_INPUT', `masks/${entry.name} is not the PNG mask of an image in the folder (masks/<image name>.png)`, {
          details: { problem: 'mask-without-image', file: `masks/${entry.name}` },
        });
      }
      file.mask = join('masks', entry.name);
    }
  }
  if (files.size === 0) {
    throw new MicroSegError('INVALID_INPUT', `${dir} holds no manifest.json and no PNG, TIFF or JPEG image`, { details: { path: dir, problem: 'no-images' } });
  }
  return { files: [...files.values()], skipped };
}
