import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import type { GatewayClient } from '../gateway-client.ts';
import type { DatasetManifest } from './benchmark-manifest.ts';

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
        id name fileName width height channels bitDepth metadata
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
}

/**
 * Writes a dataset back in the layout it is imported from: the original image files (so pixels
 * are identical: they are the uploaded bytes), ground-truth masks as index PNGs, and a manifest
 * with the classes and experiments.
 */
export async function exportDataset(client: GatewayClient, id: string, dir: string): Promise<ExportSummary> {
  const { dataset } = await client.request<{
    dataset: {
      name: string;
      material: string;
      description: string;
      classes: { index: number; name: string; color: string }[];
      experiments: { name: string; train: string[]; val: string[]; test: string[]; notes: Record<string, string> }[];
    };
  }>(DATASET, { id });
  const material = dataset.material || 'default';
  const images: ExportedImage[] = [];
  for (let after: string | null = null; ; ) {
    const page: { dataset: { images: { nodes: ExportedImage[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } } = await client.request(IMAGES, { id, after });
    images.push(...page.dataset.images.nodes);
    if (!page.dataset.images.pageInfo.hasNextPage) break;
    after = page.dataset.images.pageInfo.endCursor;
  }
  await mkdir(join(dir, 'images', material), { recursive: true });
  await mkdir(join(dir, 'masks', material), { recursive: true });
  const manifest: DatasetManifest = {
    name: dataset.name,
    materials: {
      [material]: { description: dataset.description, classes: Object.fromEntries(dataset.classes.map((c) => [String(c.index), c.name])), colours: Object.fromEntries(dataset.classes.map((c) => [c.name, c.color])) },
    },
    images: {},
    experiments: {},
  };
  let masks = 0;
  for (const image of images) {
    await writeFile(join(dir, 'images', material, `${image.name}${extname(image.fileName) || '.png'}`), await download(image.downloadUrls.original));
    const truth = image.masks.find((m) => m.source === 'ground_truth');
    if (truth) {
      await writeFile(join(dir, 'masks', material, `${image.name}.png`), await download(truth.indexUrl));
      masks++;
    }
    manifest.images[image.name] = {
      ...(image.metadata['original_name'] ? { original_name: image.metadata['original_name'] } : {}),
      material,
      width: image.width,
      height: image.height,
      channels: image.channels,
      bit_depth: image.bitDepth,
      ...(truth ? { class_pixels: truth.classPixels } : {}),
    };
  }
  const nameOf = new Map(images.map((image) => [image.id, image.name]));
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
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return { dir, dataset: dataset.name, images: images.length, masks, experiments: dataset.experiments.length };
}
