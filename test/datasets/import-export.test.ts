import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage } from '@microseg/micrograph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { benchmarkDirectory } from './benchmark-directory.ts';
import { microsegJson } from './cli.ts';
import { grayPng, indexMaskPng } from './images.ts';

interface Manifest {
  images: Record<string, { material: string; original_name: string; class_pixels: Record<string, number> }>;
  experiments: Record<string, { material: string; train?: string[] }>;
}

interface ImportSummary {
  datasets: { id: string; name: string; material: string; images: number; masks: number; experiments: string[]; version: { number: number; contentHash: string } }[];
  images: number;
  masks: number;
}

async function samePixels(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readFile(a).then((bytes) => decodeImage(bytes)), readFile(b).then((bytes) => decodeImage(bytes))]);
  return (
    x.info.width === y.info.width &&
    x.info.height === y.info.height &&
    x.info.channels === y.info.channels &&
    Buffer.from(x.pixels.buffer, x.pixels.byteOffset, x.pixels.byteLength).equals(Buffer.from(y.pixels.buffer, y.pixels.byteOffset, y.pixels.byteLength))
  );
}

describe('microseg dataset import/export of the MicroNet benchmark (CLI -> gateway -> dataset service)', () => {
  let platform: TestPlatform;
  let lab: { apiKey: string; client: TestPlatform['anonymous'] };
  let summary: ImportSummary;
  let exportDir: string;
  let BENCHMARK: string;
  let source: Awaited<ReturnType<typeof benchmarkDirectory>> | undefined;
  let superImages: string[];
  let superExperiments: [string, { material: string; train?: string[] }][];
  let manifest: Manifest;

  beforeAll(async () => {
    source = await benchmarkDirectory();
    BENCHMARK = source.dir;
    manifest = JSON.parse(await readFile(join(BENCHMARK, 'manifest.json'), 'utf8')) as Manifest;
    superImages = Object.keys(manifest.images).filter((name) => manifest.images[name]?.material === 'super');
    superExperiments = Object.entries(manifest.experiments).filter(([, e]) => e.material === 'super');
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup();
    exportDir = await mkdtemp(join(tmpdir(), 'microseg-export-'));
    summary = await microsegJson<ImportSummary>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', BENCHMARK, '--name', 'MicroNet', '--material', 'super']);
  });
  afterAll(async () => {
    await platform?.stop();
    if (exportDir) await rm(exportDir, { recursive: true, force: true });
    await source?.cleanup();
  });

  it('imports the superalloy images, masks, classes and the paper experiments with one command', async () => {
    expect(summary).toMatchObject({ images: superImages.length, masks: superImages.length });
    expect(summary.datasets[0]).toMatchObject({ name: 'MicroNet', material: 'super', experiments: superExperiments.map(([name]) => name), version: { number: 1 } });
    const id = summary.datasets[0]?.id ?? '';
    const { dataset } = await lab.client.request<{
      dataset: { classes: { index: number; name: string; color: string }[]; imageCount: number; experiments: { name: string; train: string[]; test: string[] }[]; images: { nodes: { name: string; hasMask: boolean }[] } };
    }>(
      `query($id: ID!) { dataset(id: $id) { imageCount classes { index name color } experiments { name train test }
         images(first: 50, filter: { experiment: "Super3", subset: TRAIN }) { nodes { name hasMask } } } }`,
      { id },
    );
    expect(dataset.imageCount).toBe(superImages.length);
    expect(dataset.classes).toEqual([
      { index: 0, name: 'matrix', color: '#000000' },
      { index: 1, name: 'secondary', color: '#0000ff' },
      { index: 2, name: 'tertiary', color: '#ff0000' },
    ]);
    expect(dataset.experiments.find((e) => e.name === 'Super1')?.train).toHaveLength(manifest.experiments['Super1']?.train?.length ?? -1);
    expect(dataset.images.nodes).toEqual((manifest.experiments['Super3']?.train ?? []).map((name) => ({ name, hasMask: true })));
    const listed = await microsegJson<{ id: string; imageCount: number }[]>(platform.graphqlUrl, lab.apiKey, ['dataset', 'list']);
    expect(listed).toContainEqual(expect.objectContaining({ id, imageCount: superImages.length }));
  });

  it('re-importing the same files dedupes every image', async () => {
    const again = await microsegJson<ImportSummary & { datasets: { deduplicated: number }[] }>(platform.graphqlUrl, lab.apiKey, [
      'dataset', 'import', BENCHMARK, '--name', 'MicroNet copy', '--material', 'super',
    ]);
    expect(again.datasets[0]?.version.contentHash).toBe(summary.datasets[0]?.version.contentHash);
  });

  it('exports the same layout back, identical in pixels, with the same splits', async () => {
    const id = summary.datasets[0]?.id ?? '';
    await microsegJson(platform.graphqlUrl, lab.apiKey, ['dataset', 'export', id, exportDir]);
    const names = (await readdir(join(BENCHMARK, 'images', 'super'))).sort();
    expect((await readdir(join(exportDir, 'images', 'super'))).sort()).toEqual(names);
    for (const name of names) {
      expect(await samePixels(join(BENCHMARK, 'images', 'super', name), join(exportDir, 'images', 'super', name))).toBe(true);
      expect(await samePixels(join(BENCHMARK, 'masks', 'super', name), join(exportDir, 'masks', 'super', name))).toBe(true);
    }
    const exported = JSON.parse(await readFile(join(exportDir, 'manifest.json'), 'utf8')) as Manifest;
    for (const [name, experiment] of superExperiments) expect(exported.experiments[name]).toEqual(experiment);
    for (const name of superImages) {
      const { original_name, class_pixels } = manifest.images[name] ?? {};
      expect(exported.images[name]).toMatchObject({ original_name, class_pixels });
    }
  });

  it('uploads one image with its mask, LIMS id and pixel size with `microseg image upload`', async () => {
    const image = join(exportDir, 'lims-sample.png');
    const mask = join(exportDir, 'lims-sample-mask.png');
    await writeFile(image, await grayPng(64, 48, 3));
    await writeFile(mask, await indexMaskPng(64, 48));
    const datasetId = summary.datasets[0]?.id ?? '';
    const uploaded = await microsegJson<{ image: { id: string; pixelSize: unknown; limsId: string }; mask: { kind: string } }>(platform.graphqlUrl, lab.apiKey, [
      'image', 'upload', image, '--dataset', datasetId, '--mask', mask, '--lims-id', 'LIMS-0042', '--pixel-size', '0.5um',
    ]);
    expect(uploaded).toMatchObject({ image: { pixelSize: { value: 0.5, unit: 'um' }, limsId: 'LIMS-0042' }, mask: { kind: 'index' } });
    const { imageByLimsId } = await lab.client.request<{ imageByLimsId: { id: string; hasMask: boolean; pixelSizeSource: string } }>(
      '{ imageByLimsId(limsId: "LIMS-0042") { id hasMask pixelSizeSource } }',
    );
    expect(imageByLimsId).toEqual({ id: uploaded.image.id, hasMask: true, pixelSizeSource: 'upload' });
  });
});
