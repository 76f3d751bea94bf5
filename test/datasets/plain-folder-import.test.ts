import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { microsegJson } from './cli.ts';
import { grayPng, indexMaskPng } from './images.ts';

interface ImportSummary {
  datasets: { id: string; name: string; material: string; images: number; masks: number; version: { number: number } }[];
  images: number;
  masks: number;
  skipped: string[];
}

describe('microseg dataset import of a plain folder of micrographs (no manifest)', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'microseg-plain-'));
    await mkdir(join(dir, 'masks'));
    await writeFile(join(dir, 'grain-01.png'), await grayPng(48, 32, 1));
    await writeFile(join(dir, 'grain-02.png'), await grayPng(48, 32, 2));
    await writeFile(join(dir, 'masks', 'grain-01.png'), await indexMaskPng(48, 32, 2));
    await writeFile(join(dir, 'session.txt'), 'SEM, 5 kV');
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup();
  });
  afterAll(async () => {
    await platform?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports its images, the masks in masks/, names the classes, freezes a first version and lists what it left out', async () => {
    const summary = await microsegJson<ImportSummary>(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', dir, '--name', 'Grains', '--material', 'steel', '--classes', 'matrix,grain']);
    expect(summary).toMatchObject({ images: 2, masks: 1, skipped: ['session.txt'] });
    expect(summary.datasets[0]).toMatchObject({ name: 'Grains', material: 'steel', images: 2, masks: 1, version: { number: 1 } });
    const { dataset } = await lab.client.request<{ dataset: { classes: { index: number; name: string }[]; images: { nodes: { name: string; hasMask: boolean }[] } } }>(
      'query($id: ID!) { dataset(id: $id) { classes { index name } images { nodes { name hasMask } } } }',
      { id: summary.datasets[0]?.id },
    );
    expect(dataset.classes).toEqual([
      { index: 0, name: 'matrix' },
      { index: 1, name: 'grain' },
    ]);
    expect(dataset.images.nodes.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'grain-01', hasMask: true },
      { name: 'grain-02', hasMask: false },
    ]);
  });

  it('refuses a mask without its image before creating anything', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'microseg-plain-bad-'));
    try {
      await mkdir(join(bad, 'masks'));
      await writeFile(join(bad, 'a.png'), await grayPng(16, 16, 3));
      await writeFile(join(bad, 'masks', 'b.png'), await indexMaskPng(16, 16, 2));
      const before = await lab.client.request<{ datasets: { nodes: unknown[] } }>('{ datasets { nodes { id } } }');
      await expect(microsegJson(platform.graphqlUrl, lab.apiKey, ['dataset', 'import', bad, '--name', 'Bad'])).rejects.toThrow(/masks\/b\.png is not the PNG mask of an image/);
      const after = await lab.client.request<{ datasets: { nodes: unknown[] } }>('{ datasets { nodes { id } } }');
      expect(after.datasets.nodes).toHaveLength(before.datasets.nodes.length);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
