import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MicroSegError } from '@microseg/errors';

/**
 * The layout of a dataset directory, as the MicroNet benchmark package has it: `manifest.json`,
 * `images/<material>/<name>.png`, `masks/<material>/<name>.png`.
 */
export interface DatasetManifest {
  name?: string;
  materials: Record<string, { description?: string; classes: Record<string, string>; original_colours_rgb?: Record<string, unknown> } & Record<string, unknown>>;
  images: Record<string, { original_name?: string; material: string; width?: number; height?: number; channels?: number; bit_depth?: number; class_pixels?: Record<string, number> }>;
  experiments?: Record<string, { material: string; train?: string[]; val?: string[]; test?: string[] } & Record<string, unknown>>;
}

export async function readManifest(dir: string): Promise<DatasetManifest> {
  const path = join(dir, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MicroSegError('INVALID_INPUT', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const manifest = parsed as Partial<DatasetManifest>;
  if (typeof manifest.materials !== 'object' || manifest.materials === null || typeof manifest.images !== 'object' || manifest.images === null) {
    throw new MicroSegError('INVALID_INPUT', `${path} needs "materials" and "images" objects`, { details: { path } });
  }
  return manifest as DatasetManifest;
}

export const imagePath = (dir: string, material: string, name: string) => join(dir, 'images', material, `${name}.png`);
export const maskPath = (dir: string, material: string, name: string) => join(dir, 'masks', material, `${name}.png`);

/** The experiment's list-valued keys are the split; the others (notes such as held-out sets) are kept as notes. */
export function experimentNotes(experiment: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(experiment)
      .filter(([key, value]) => !['material', 'train', 'val', 'test'].includes(key) && typeof value === 'string')
      .map(([key, value]) => [key, value as string]),
  );
}
