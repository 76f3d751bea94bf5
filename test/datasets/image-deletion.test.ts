import type { GatewayClient } from '@microseg/cli';
import { waitUntilUp } from '@microseg/launcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { grayPng, indexMaskPng, putToUrl, sha256 } from './images.ts';

const CLASSES = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'secondary', color: '#0000ff' },
  { index: 2, name: 'tertiary', color: '#ff0000' },
];
const DELAY_SECONDS = 2;

// A type, not an interface: Object.entries keeps its string values.
type Links = {
  original: string;
  normalised: string;
  thumbnail: string;
  mask: string;
};

async function uploadWithMask(client: GatewayClient, datasetId: string, seed: number): Promise<{ id: string; links: Links }> {
  const image = await grayPng(24, 16, seed);
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId, fileName: `image-${seed}.png`, sizeBytes: image.length, sha256: sha256(image) } },
  );
  expect((await putToUrl(ticket.url, image)).ok).toBe(true);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: { id: string } } }>(
    'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }',
    { input: { uploadId: ticket.uploadId } },
  );
  const id = completeImageUpload.image.id;
  const mask = await indexMaskPng(24, 16);
  const { createMaskUpload: maskTicket } = await client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
    { input: { imageId: id, fileName: 'mask.png', sizeBytes: mask.length, sha256: sha256(mask) } },
  );
  expect((await putToUrl(maskTicket.url, mask)).ok).toBe(true);
  await client.request('mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id } }', { input: { uploadId: maskTicket.uploadId } });
  const { image: found } = await client.request<{ image: { downloadUrls: Omit<Links, 'mask'>; masks: { indexUrl: string }[] } }>(
    'query($id: ID!) { image(id: $id) { downloadUrls { original normalised thumbnail } masks { indexUrl } } }',
    { id },
  );
  return { id, links: { ...found.downloadUrls, mask: found.masks[0]?.indexUrl ?? '' } };
}

const status = async (url: string) => (await fetch(url)).status;
const statuses = async (links: Record<string, string>) =>
  Object.fromEntries(await Promise.all(Object.entries(links).map(async ([name, url]) => [name, await status(url)] as const)));

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((tick) => setTimeout(tick, 200));
  }
}

const deleteImage = (client: GatewayClient, id: string) => client.request('mutation($id: ID!) { deleteImage(id: $id) { id } }', { id });

describe('links of a deleted image stop working: its objects are removed after a short delay', () => {
  let platform: TestPlatform;
  let lab: { client: GatewayClient };
  let datasetId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset'], {
      DATASET_DELETED_OBJECTS_DELAY_SECONDS: String(DELAY_SECONDS),
      DATASET_DELETION_SWEEP_MS: '200',
    });
    lab = await platform.newGroup();
    datasetId = (
      await lab.client.request<{ createDataset: { id: string } }>('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
        input: { name: 'Deletions', classes: CLASSES },
      })
    ).createDataset.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers 404 on every link handed out before the delete once the delay has passed', async () => {
    const { id, links: stored } = await uploadWithMask(lab.client, datasetId, 1);
    // The deep-zoom tiles of the image and of its mask (24x16: level 5 is full size, one tile) go too.
    const { image } = await lab.client.request<{ image: { deepZoom: { tiles: { url: string }[] }; masks: { deepZoom: { tiles: { url: string }[] } }[] } }>(
      'query($id: ID!) { image(id: $id) { deepZoom { tiles(level: 5, column: 0, row: 0) { url } } masks { deepZoom { tiles(level: 5, column: 0, row: 0) { url } } } } }',
      { id },
    );
    const links = { ...stored, imageTile: image.deepZoom.tiles[0]?.url ?? '', maskTile: image.masks[0]?.deepZoom.tiles[0]?.url ?? '' };
    expect(await statuses(links)).toEqual({ original: 200, normalised: 200, thumbnail: 200, mask: 200, imageTile: 200, maskTile: 200 });
    const deletedAt = Date.now();
    await deleteImage(lab.client, id);
    await until(async () => Object.values(await statuses(links)).every((code) => code === 404), 'the objects and tiles to go');
    expect(Date.now() - deletedAt).toBeGreaterThanOrEqual(DELAY_SECONDS * 1_000 - 500);
  });

  it('removes them even when the service was down when they fell due (the schedule is in PostgreSQL)', async () => {
    const { id, links } = await uploadWithMask(lab.client, datasetId, 2);
    const dataset = platform.platform.processes.get('dataset')!;
    await deleteImage(lab.client, id);
    await dataset.kill();
    await new Promise((wait) => setTimeout(wait, (DELAY_SECONDS + 1) * 1_000));
    expect(await statuses(links)).toEqual({ original: 200, normalised: 200, thumbnail: 200, mask: 200 });
    dataset.start();
    await waitUntilUp(platform.graphqlUrl, ['dataset'], 120_000);
    await until(async () => Object.values(await statuses(links)).every((code) => code === 404), 'the objects to go after the restart');
  });

  it('keeps what a dataset version holds: the working copy and mask stay, the thumbnail goes', async () => {
    const { id, links } = await uploadWithMask(lab.client, datasetId, 3);
    await lab.client.request('mutation($id: ID!) { createDatasetVersion(datasetId: $id) { id } }', { id: datasetId });
    await deleteImage(lab.client, id);
    await until(async () => (await status(links.thumbnail)) === 404, 'the thumbnail to go');
    // A PNG upload is its own working copy: the original is the normalised object.
    expect(await statuses(links)).toEqual({ original: 200, normalised: 200, thumbnail: 404, mask: 200 });
  });
});
