import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { grayPng, indexMaskPng } from './images.ts';

/** Where the MicroNet benchmark package lies on development machines (beside the repository). */
export const MICRONET_BENCHMARK = process.env['MICRONET_BENCHMARK_DIR'] ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');

/**
 * A directory in the benchmark layout: the real package when it is present, else a small
 * synthetic one with the same structure (a fresh clone in CI does not have the package).
 */
export async function benchmarkDirectory(): Promise<{ dir: string; synthetic: boolean; cleanup(): Promise<void> }> {
  if (existsSync(join(MICRONET_BENCHMARK, 'manifest.json'))) return { dir: MICRONET_BENCHMARK, synthetic: false, cleanup: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'microseg-benchmark-'));
  const names = ['spot1_0d_0', 'spot2_0d_0', 'spot6_0d_2', 'spot7_180d_3'];
  await mkdir(join(dir, 'images', 'super'), { recursive: true });
  await mkdir(join(dir, 'masks', 'super'), { recursive: true });
  for (const [i, name] of names.entries()) {
    await writeFile(join(dir, 'images', 'super', `${name}.png`), await grayPng(64, 64, i));
    await writeFile(join(dir, 'masks', 'super', `${name}.png`), await indexMaskPng(64, 64, 3));
  }
  const manifest = {
    name: 'synthetic-benchmark',
    materials: {
      super: {
        description: 'Ni-based superalloy, SEM (synthetic stand-in)',
        classes: { 0: 'matrix', 1: 'secondary', 2: 'tertiary' },
        original_colours_rgb: { secondary: [0, 0, 255], tertiary: [255, 0, 0], matrix: 'every other colour' },
      },
    },
    images: Object.fromEntries(
      names.map((name) => [name, { original_name: `${name}.tif`, material: 'super', width: 64, height: 64, channels: 1, bit_depth: 8, class_pixels: { 0: 1408, 1: 1344, 2: 1344 } }]),
    ),
    experiments: {
      Super1: { material: 'super', train: ['spot6_0d_2', 'spot7_180d_3'], val: ['spot1_0d_0'], test: ['spot2_0d_0'] },
      Super3: { material: 'super', train: ['spot7_180d_3'], val: ['spot1_0d_0'], test_heldout: 'held out of this package' },
    },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return { dir, synthetic: true, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
