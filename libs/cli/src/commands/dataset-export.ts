import { extname } from 'node:path';
import { MicroSegError, notFound } from '@microseg/errors';
import type { GatewayClient } from '../gateway-client.ts';
import type { DatasetManifest } from './benchmark-manifest.ts';
import { ExportFolder, safeSegment } from './export-folder.ts';

const DATASET = `query($id: ID!) {
  dataset(id: $id) {
    id name material description classes { index name color }
    experiments { name train val test notes }
  }
}`;
const IMAGES = `query($id: ID!, $after: String) {
  dataset(id: $id) {
    images(first: 200, after: $after) {
      nodes {
        id name fileName format width height channels bitDepth metadata
        downloadUrls { original }
        masks { source indexUrl classPixels }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

interface ExportedImage {
  id: string;
  name: string;
  fileName: string;
  format: 'png' | 'tiff' | 'jpeg';
  width: number;
  height: number;
  channels: number;
  bitDepth: number;
  metadata: Record<string, string>;
  downloadUrls: { original: string };
  masks: { source: string; indexUrl: string; classPixels: Record<string, number> }[];
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new MicroSegError('UNAVAILABLE', `download failed with HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

export interface ExportSummary {
  dir: string;
  dataset: string;
  images: number;
  masks: number;
  experiments: number;
  /** Names the server sent that could not be file names as they were, and what was written instead. */
  warnings: string[];
}

const EXTENSION_OF = { png: '.png', tiff: '.tif', jpeg: '.jpg' } as const;

/** The original file's extension when it is a plain one, else the format's. */
function extensionOf(image: ExportedImage): string {
  const ext = extname(image.fileName);
  return /^\.[A-Za-z0-9]{1,8}$/.test(ext) ? ext : EXTENSION_OF[image.format];
}

/**
 * Writes a dataset back in the layout it is imported from: the original image files (so pixels
 * are identical: they are the uploaded bytes), ground-truth masks as index PNGs, and a manifest
 * with the classes and experiments. Names from the server are data: whatever they say, files are
 * written only inside `dir` (see ExportFolder), and existing files are kept unless `overwrite`.
 */
export async function exportDataset(client: GatewayClient, id: string, dir: string, options: { overwrite?: boolean } = {}): Promise<ExportSummary> {
  const { dataset } = await client.request<{
    dataset: {
      name: string;
      material: string;
      description: string;
      classes: { index: number; name: string; color: string }[];
      experiments: { name: string; train: string[]; val: string[]; test: string[]; notes: Record<string, string> }[];
    } | null;
  }>(DATASET, { id });
  if (!dataset) throw notFound('dataset', id);
  const images: ExportedImage[] = [];
  for (let after: string | null = null; ; ) {
    const page: { dataset: { images: { nodes: ExportedImage[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } } = await client.request(IMAGES, { id, after });
    images.push(...page.dataset.images.nodes);
    if (!page.dataset.images.pageInfo.hasNextPage) break;
    after = page.dataset.images.pageInfo.endCursor;
  }
  const warnings: string[] = [];
  const safe = (name: string, what: string) => {
    const { segment, problem } = safeSegment(name);
    if (problem) warnings.push(`${what} ${JSON.stringify(name)} ${problem}: written as ${JSON.stringify(segment)}`);
    return segment;
  };
  const material = safe(dataset.material || 'default', 'material');
  // File names per image, unique even where rewriting made two names equal (case-insensitive
  // file systems included): the later one gets its image id appended.
  const taken = new Set<string>();
  const files = images.map((image) => {
    let name = safe(image.name, `image ${image.id} name`);
    if (taken.has(name.toLowerCase())) {
      const renamed = safeSegment(`${name}-${image.id}`).segment;
      warnings.push(`image ${image.id}: ${JSON.stringify(name)} is taken by another image: written as ${JSON.stringify(renamed)}`);
      name = renamed;
    }
    taken.add(name.toLowerCase());
    const truth = image.masks.find((m) => m.source === 'ground_truth');
    return {
      image,
      name,
      truth,
      imagePath: ['images', material, safeSegment(`${name}${extensionOf(image)}`).segment],
      maskPath: truth ? ['masks', material, safeSegment(`${name}.png`).segment] : undefined,
    };
  });
  const folder = await ExportFolder.open(dir, { overwrite: options.overwrite ?? false });
  await folder.assertNothingReplaced([['manifest.json'], ...files.flatMap((f) => (f.maskPath ? [f.imagePath, f.maskPath] : [f.imagePath]))]);
  await folder.folder('images', material);
  await folder.folder('masks', material);
  const manifest: DatasetManifest = {
    name: dataset.name,
    materials: {
      [material]: { description: dataset.description, classes: Object.fromEntries(dataset.classes.map((c) => [String(c.index), c.name])), colours: Object.fromEntries(dataset.classes.map((c) => [c.name, c.color])) },
    },
    images: {},
    experiments: {},
  };
  let masks = 0;
  for (const { image, name, truth, imagePath, maskPath } of files) {
    await folder.write(imagePath, await download(image.downloadUrls.original));
    if (truth && maskPath) {
      await folder.write(maskPath, await download(truth.indexUrl));
      masks++;
    }
    manifest.images[name] = {
      ...(image.metadata['original_name'] ? { original_name: image.metadata['original_name'] } : {}),
      material,
      width: image.width,
      height: image.height,
      channels: image.channels,
      bit_depth: image.bitDepth,
      ...(truth ? { class_pixels: truth.classPixels } : {}),
    };
  }
  const nameOf = new Map(files.map((file) => [file.image.id, file.name]));
  const names = (ids: string[]) => ids.map((imageId) => nameOf.get(imageId) ?? imageId);
  for (const experiment of dataset.experiments) {
    // Subsets with no images are left out, as the benchmark leaves out held-out test sets.
    const subsets = (['train', 'val', 'test'] as const).filter((subset) => experiment[subset].length > 0);
    (manifest.experiments ??= {})[experiment.name] = {
      material,
      ...Object.fromEntries(subsets.map((subset) => [subset, names(experiment[subset])])),
      ...experiment.notes,
    };
  }
  await folder.write(['manifest.json'], `${JSON.stringify(manifest, null, 1)}\n`);
  return { dir: folder.root, dataset: dataset.name, images: images.length, masks, experiments: dataset.experiments.length, warnings };
}
