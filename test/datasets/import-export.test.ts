import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage } from '@microseg/micrograph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { usePrivateNats } from './private-nats.ts';
import { microsegJson } from './cli.ts';
import { grayPng, indexMaskPng } from './images.ts';

const BENCHMARK = resolveBenchmark();

function resolveBenchmark(): string {
  return process.env['MICRONET_BENCHMARK_DIR'] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark');
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
  let nats: { stop(): Promise<void> } | undefined;
  let lab: { apiKey: string; client: TestPlatform['anonymous'] };
  let summary: ImportSummary;
  let exportDir: string;

  beforeAll(async () => {
    nats = await usePrivateNats();
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup();
    exportDir = await mkdtemp(join(tmpdir(), 'microseg-export-'));
    summary = await microsegJson<ImportSummary>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', BENCHMARK, '--name', 'MicroNet', '--material', 'super']);
  });
  afterAll(async () => {
    await platform?.stop();
    await nats?.stop();
    if (exportDir) await rm(exportDir, { recursive: true, force: true });
  });

  it('imports the superalloy images, masks, classes and the paper experiments with one command', async () => {
    expect(summary).toMatchObject({ images: 18, masks: 18 });
    expect(summary.datasets[0]).toMatchObject({ name: 'MicroNet', material: 'super', experiments: ['Super1', 'Super2', 'Super3', 'Super4'], version: { number: 1 } });
    const id = summary.datasets[0]?.id ?? '';
    const { dataset } = await lab.client.request<{
      dataset: { classes: { index: number; name: string; color: string }[]; imageCount: number; experiments: { name: string; train: string[]; test: string[] }[]; images: { nodes: { name: string; hasMask: boolean }[] } };
    }>(
      `query($id: ID!) { dataset(id: $id) { imageCount classes { index name color } experiments { name train test }
         images(first: 50, filter: { experiment: "Super3", subset: train }) { nodes { name hasMask } } } }`,
      { id },
    );
    expect(dataset.imageCount).toBe(18);
    expect(dataset.classes).toEqual([
      { index: 0, name: 'matrix', color: '#000000' },
      { index: 1, name: 'secondary', color: '#0000ff' },
      { index: 2, name: 'tertiary', color: '#ff0000' },
    ]);
    expect(dataset.experiments.find((e) => e.name === 'Super1')?.train).toHaveLength(10);
    expect(dataset.images.nodes).toEqual([{ name: 'spot7_180d_3', hasMask: true }]);
    const listed = await microsegJson<{ id: string; imageCount: number }[]>(platform.graphqlUrl, lab.apiKey, ['dataset', 'list']);
    expect(listed).toContainEqual(expect.objectContaining({ id, imageCount: 18 }));
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
    const original = JSON.parse(await readFile(join(BENCHMARK, 'manifest.json'), 'utf8'));
    const exported = JSON.parse(await readFile(join(exportDir, 'manifest.json'), 'utf8'));
    for (const [name, experiment] of Object.entries(original.experiments as Record<string, { material: string }>)) {
      if (experiment.material !== 'super') continue;
      expect(exported.experiments[name]).toEqual(experiment);
    }
    expect(exported.images['spot1_0d_0']).toMatchObject({ original_name: 'spot1_0d_0.tif', width: 512, height: 512, class_pixels: original.images['spot1_0d_0'].class_pixels });
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
