import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmarkDirectory } from '../datasets/benchmark-directory.ts';

interface Manifest {
  materials: Record<string, unknown>;
  images: Record<string, { material: string }>;
  experiments: Record<string, { material: string; train?: string[]; val?: string[]; test?: string[] }>;
}

/**
 * A few superalloy images with their masks, in the benchmark's layout: one each of Super1's
 * train, val and test, so the console's split filters have something to tell apart.
 */
export async function benchmarkSubset(): Promise<{ dir: string; images: { train: string; val: string; test: string }; cleanup(): Promise<void> }> {
  const source = await benchmarkDirectory();
  const manifest = JSON.parse(await readFile(join(source.dir, 'manifest.json'), 'utf8')) as Manifest;
  const split = manifest.experiments['Super1'];
  const [train, val, test] = [split?.train?.[0], split?.val?.[0], split?.test?.[0]];
  if (!train || !val || !test) throw new Error(`the benchmark at ${source.dir} has no Super1 split`);
  const dir = await mkdtemp(join(tmpdir(), 'microseg-console-'));
  await mkdir(join(dir, 'images', 'super'), { recursive: true });
  await mkdir(join(dir, 'masks', 'super'), { recursive: true });
  for (const name of [train, val, test]) {
    await copyFile(join(source.dir, 'images', 'super', `${name}.png`), join(dir, 'images', 'super', `${name}.png`));
    await copyFile(join(source.dir, 'masks', 'super', `${name}.png`), join(dir, 'masks', 'super', `${name}.png`));
  }
  const subset = {
    ...manifest,
    materials: { super: manifest.materials['super'] },
    images: Object.fromEntries([train, val, test].map((name) => [name, manifest.images[name]])),
    experiments: { Super1: { material: 'super', train: [train], val: [val], test: [test] } },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(subset, null, 1));
  return {
    dir,
    images: { train, val, test },
    cleanup: async () => {
      await rm(dir, { recursive: true, force: true });
      await source.cleanup();
    },
  };
}
