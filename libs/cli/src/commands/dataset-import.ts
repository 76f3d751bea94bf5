import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileNameProblem } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { colourToHex, defaultClassColour } from '@microseg/micrograph';
import type { GatewayClient } from '../gateway-client.ts';
import { type DatasetManifest, experimentNotes, imagePath, maskPath, readManifest } from './benchmark-manifest.ts';
import { describeFile, mutate, uploadImage } from './image.ts';
import { readPlainFolder } from './plain-folder.ts';

export interface ImportSummary {
  datasets: { id: string; name: string; material: string; images: number; masks: number; deduplicated: number; experiments: string[]; version: { id: string; number: number; contentHash: string } }[];
  images: number;
  masks: number;
  seconds: number;
  imagesPerSecond: number;
  /** Plain folders: entries that are not images (nor masks/), so the user sees what was left out. */
  skipped?: string[];
}

export interface ImportOptions {
  name: string;
  /** With a manifest: import only this material; in a plain folder: the images' material. */
  material?: string | undefined;
  /** Plain folders only (a manifest names its classes): the class names, index 0 first. */
  classes?: string[] | undefined;
  onProgress?: ProgressListener;
}

/** The classes of a plain folder's dataset when none are named: its masks' 0 and 1. */
export const PLAIN_FOLDER_CLASSES = ['background', 'foreground'];

export type ProgressListener = (done: number, total: number, label: string) => void;

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id name } }`;
const SET_EXPERIMENT = `mutation($input: SetExperimentInput!) { setExperiment(input: $input) { name } }`;
const CREATE_VERSION = `mutation($datasetId: ID!, $note: String) { createDatasetVersion(datasetId: $datasetId, note: $note) { id number contentHash } }`;

/** Images are uploaded a few at a time: enough to overlap network and decoding, few enough for 2 cores. */
const CONCURRENCY = 4;

function classSchema(material: DatasetManifest['materials'][string]) {
  // The benchmark gives RGB triples for the classes of its original colour masks; our own
  // export writes `colours` as #rrggbb. Classes without either get distinct defaults.
  const original = material.original_colours_rgb ?? {};
  const exported = (material['colours'] ?? {}) as Record<string, unknown>;
  return Object.entries(material.classes).map(([index, name]) => {
    const rgb = original[name];
    const hex = exported[name];
    const color =
      typeof hex === 'string'
        ? hex
        : Array.isArray(rgb) && rgb.length === 3
          ? colourToHex(Number(rgb[0]), Number(rgb[1]), Number(rgb[2]))
          : defaultClassColour(Number(index));
    return { index: Number(index), name, color };
  });
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Imports a directory in the benchmark layout: one dataset per material (named NAME, or
 * NAME-<material> when there are several), its images and masks, its experiments, and a first
 * version freezing what was imported.
 */
export async function importDatasetDirectory(client: GatewayClient, dir: string, options: ImportOptions): Promise<ImportSummary> {
  if (!existsSync(join(dir, 'manifest.json'))) return importPlainFolder(client, dir, options);
  if (options.classes) {
    throw new MicroSegError('INVALID_INPUT', `${join(dir, 'manifest.json')} names the classes: leave out --classes`, { details: { problem: 'classes-with-manifest' } });
  }
  const started = performance.now();
  const manifest = await readManifest(dir);
  const materials = options.material ? [options.material] : Object.keys(manifest.materials);
  for (const material of materials) {
    if (!manifest.materials[material]) {
      throw new MicroSegError('INVALID_INPUT', `the manifest has no material "${material}" (it has ${Object.keys(manifest.materials).join(', ')})`, {
        details: { material },
      });
    }
  }
  // Manifest names become paths to read (and the server refuses them anyway): checked before any upload.
  const named = [...materials.map((name) => ({ what: 'material', name })), ...Object.keys(manifest.images).map((name) => ({ what: 'image', name }))];
  for (const { what, name } of named) {
    const problem = fileNameProblem(name);
    if (problem) throw new MicroSegError('INVALID_INPUT', `the manifest's ${what} name ${JSON.stringify(name)} ${problem}`, { details: { [what]: name } });
  }
  // One dataset per material, then one pool of uploads over all of them (no barrier between
  // materials), then each dataset's experiments and first version.
  const datasets = await Promise.all(
    materials.map(async (material) => {
      const spec = manifest.materials[material] ?? { classes: {} };
      const name = materials.length === 1 ? options.name : `${options.name}-${material}`;
      const { createDataset } = await mutate<{ createDataset: { id: string } }>(client, CREATE_DATASET, {
        input: { name, material, description: spec.description ?? '', classes: classSchema(spec) },
      });
      return { id: createDataset.id, name, material, imageIds: new Map<string, string>(), masks: 0, deduplicated: 0 };
    }),
  );
  const work = datasets.flatMap((dataset) =>
    Object.entries(manifest.images)
      .filter(([, image]) => image.material === dataset.material)
      .map(([imageName, entry]) => ({ dataset, imageName, entry })),
  );
  let done = 0;
  await inParallel(work, CONCURRENCY, async ({ dataset, imageName, entry }) => {
    const mask = maskPath(dir, dataset.material, imageName);
    const uploaded = await uploadImage(client, await describeFile(imagePath(dir, dataset.material, imageName)), {
      datasetId: dataset.id,
      name: imageName,
      metadata: entry.original_name ? { original_name: entry.original_name } : {},
      mask: existsSync(mask) ? await describeFile(mask) : undefined,
    });
    dataset.imageIds.set(imageName, uploaded.image.id);
    if (uploaded.deduplicated) dataset.deduplicated++;
    if (uploaded.mask) dataset.masks++;
    options.onProgress?.(++done, work.length, imageName);
  });
  const summary: ImportSummary = { datasets: [], images: work.length, masks: 0, seconds: 0, imagesPerSecond: 0 };
  summary.datasets = await Promise.all(
    datasets.map(async (dataset) => {
      const experiments = Object.entries(manifest.experiments ?? {}).filter(([, e]) => e.material === dataset.material);
      for (const [experiment, split] of experiments) {
        const ids = (list: string[] | undefined) =>
          (list ?? []).map((imageName) => {
            const id = dataset.imageIds.get(imageName);
            if (!id) {
              throw new MicroSegError('INVALID_INPUT', `experiment ${experiment} names image ${imageName}, which is not in the manifest's ${dataset.material} images`);
            }
            return id;
          });
        await mutate(client, SET_EXPERIMENT, {
          input: { datasetId: dataset.id, name: experiment, train: ids(split.train), val: ids(split.val), test: ids(split.test), notes: experimentNotes(split) },
        });
      }
      const { createDatasetVersion: version } = await mutate<{ createDatasetVersion: { id: string; number: number; contentHash: string } }>(client, CREATE_VERSION, {
        datasetId: dataset.id,
        note: `imported from ${manifest.name ?? dir}`,
      });
      const { id, name, material, masks, deduplicated, imageIds } = dataset;
      return { id, name, material, images: imageIds.size, masks, deduplicated, experiments: experiments.map(([e]) => e), version };
    }),
  );
  summary.masks = summary.datasets.reduce((sum, d) => sum + d.masks, 0);
  return withTiming(summary, started);
}

function withTiming(summary: ImportSummary, started: number): ImportSummary {
  const seconds = Number(((performance.now() - started) / 1_000).toFixed(2));
  return { ...summary, seconds, imagesPerSecond: Number((summary.images / Math.max(seconds, 1e-3)).toFixed(1)) };
}

/**
 * A folder of micrographs without a manifest (plain-folder.ts says which files count): one new
 * dataset with the named classes, its images and their masks, and a first version.
 */
async function importPlainFolder(client: GatewayClient, dir: string, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const folder = await readPlainFolder(dir);
  const classes = (options.classes ?? PLAIN_FOLDER_CLASSES).map((name, index) => ({ index, name, color: defaultClassColour(index) }));
  const material = options.material ?? '';
  const { createDataset } = await mutate<{ createDataset: { id: string } }>(client, CREATE_DATASET, {
    input: { name: options.name, material, description: `imported from the folder ${dir}`, classes },
  });
  let [done, masks, deduplicated] = [0, 0, 0];
  await inParallel(folder.files, CONCURRENCY, async (file) => {
    // An image and its mask are one operation: a refused mask leaves neither behind.
    const mask = file.mask ? await describeFile(join(dir, file.mask)) : undefined;
    const uploaded = await uploadImage(client, await describeFile(join(dir, file.image)), { datasetId: createDataset.id, name: file.name, mask });
    if (uploaded.deduplicated) deduplicated++;
    if (uploaded.mask) masks++;
    options.onProgress?.(++done, folder.files.length, file.name);
  });
  const { createDatasetVersion: version } = await mutate<{ createDatasetVersion: { id: string; number: number; contentHash: string } }>(client, CREATE_VERSION, {
    datasetId: createDataset.id,
    note: `imported from ${dir}`,
  });
  const dataset = { id: createDataset.id, name: options.name, material, images: folder.files.length, masks, deduplicated, experiments: [], version };
  return withTiming({ datasets: [dataset], images: folder.files.length, masks, seconds: 0, imagesPerSecond: 0, skipped: folder.skipped }, started);
}
