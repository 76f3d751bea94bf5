import type { GatewayClient } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { grayPng, indexMaskPng, putToUrl, sha256 } from './images.ts';

const classes = [
  { index: 0, name: 'background', color: '#000000' },
  { index: 1, name: 'oxide', color: '#0000ff' },
];

async function upload(client: GatewayClient, datasetId: string, name: string, seed: number) {
  const bytes = await grayPng(24, 16, seed);
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId, fileName: `${name}.png`, sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  await putToUrl(ticket.url, bytes);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: { id: string } } }>(
    'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }',
    { input: { uploadId: ticket.uploadId, metadata: { detector: name === 'a' ? 'BSE' : 'SE' } } },
  );
  return completeImageUpload.image.id;
}

describe('the datasets GraphQL API (gateway -> dataset service)', () => {
  let platform: TestPlatform;
  let lab: { groupId: string; client: GatewayClient };
  let datasetId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup('Coatings lab');
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'EBC', material: 'ebc', classes, defaultPixelSize: { value: 0.1, unit: 'um' } } },
    );
    datasetId = createDataset.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('passes the Idempotency-Key header through to the service', async () => {
    const create = (name: string, key: string) =>
      lab.client.request<{ createDataset: { id: string } }>('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', { input: { name, classes } }, { 'idempotency-key': key });
    const first = await create('Retried', 'retry-1');
    expect((await create('Retried', 'retry-1')).createDataset.id).toBe(first.createDataset.id);
    const reused = await create('Something else', 'retry-1').catch((e: unknown) => e);
    expect((reused as MicroSegError).code).toBe('CONFLICT');
  });

  it('edits, filters and soft-deletes images and masks', async () => {
    const a = await upload(lab.client, datasetId, 'a', 1);
    const b = await upload(lab.client, datasetId, 'b', 2);
    const mask = await indexMaskPng(24, 16, 2);
    const { createMaskUpload: ticket } = await lab.client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
      'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
      { input: { imageId: a, fileName: 'a.png', sizeBytes: mask.length, sha256: sha256(mask) } },
    );
    await putToUrl(ticket.url, mask);
    const { completeMaskUpload } = await lab.client.request<{ completeMaskUpload: { id: string; indexUrl: string } }>(
      'mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id indexUrl } }',
      { input: { uploadId: ticket.uploadId } },
    );
    expect((await fetch(completeMaskUpload.indexUrl)).ok).toBe(true);

    await lab.client.request('mutation($id: ID!, $input: UpdateImageInput!) { updateImage(id: $id, input: $input) { id } }', {
      id: b,
      input: { limsId: 'S-77', metadata: { detector: 'BSE', tilt: '52' } },
    });
    const images = async (filter: object) =>
      (
        await lab.client.request<{ dataset: { images: { nodes: { name: string; pixelSize: { value: number; unit: string } }[] } } }>(
          'query($id: ID!, $filter: ImageFilter) { dataset(id: $id) { images(filter: $filter) { nodes { name pixelSize { value unit } } } } }',
          { id: datasetId, filter },
        )
      ).dataset.images.nodes;
    expect((await images({ metadata: { detector: 'BSE' } })).map((i) => i.name)).toEqual(['a', 'b']);
    expect((await images({ limsId: 'S-77' })).map((i) => i.name)).toEqual(['b']);
    expect((await images({ hasMask: true }))[0]).toEqual({ name: 'a', pixelSize: { value: 0.1, unit: 'um' } });

    await lab.client.request('mutation($id: ID!) { deleteMask(id: $id) { deletedAt } }', { id: completeMaskUpload.id });
    expect(await images({ hasMask: true })).toEqual([]);
    const { deleteImage } = await lab.client.request<{ deleteImage: { id: string; deletedAt: string } }>('mutation($id: ID!) { deleteImage(id: $id) { id deletedAt } }', { id: b });
    expect(deleteImage.id).toBe(b);
    const { dataset } = await lab.client.request<{ dataset: { imageCount: number } }>('query($id: ID!) { dataset(id: $id) { imageCount } }', { id: datasetId });
    expect(dataset.imageCount).toBe(1);
  });

  it('shares a dataset read-only with a named group, which then lists it with its owner', async () => {
    const partner = await platform.newGroup('Partner lab');
    const query = '{ datasets { nodes { name owner { name } } } }';
    expect((await partner.client.request<{ datasets: { nodes: unknown[] } }>(query)).datasets.nodes).toEqual([]);
    await lab.client.request('mutation($id: ID!, $input: UpdateDatasetInput!) { updateDataset(id: $id, input: $input) { id } }', {
      id: datasetId,
      input: { visibility: { level: 'shared', sharedWith: [partner.groupId] } },
    });
    expect((await partner.client.request<{ datasets: { nodes: unknown[] } }>(query)).datasets.nodes).toEqual([{ name: 'EBC', owner: { name: 'Coatings lab' } }]);
    const write = await partner.client
      .request('mutation($id: ID!) { deleteDataset(id: $id) { id } }', { id: datasetId })
      .catch((e: unknown) => e);
    expect((write as MicroSegError).code).toBe('FORBIDDEN');
  });

  it('replaces and deletes experiments, and versions record them', async () => {
    const { dataset } = await lab.client.request<{ dataset: { images: { nodes: { id: string }[] } } }>('query($id: ID!) { dataset(id: $id) { images { nodes { id } } } }', { id: datasetId });
    const ids = dataset.images.nodes.map((n) => n.id);
    const set = (name: string) =>
      lab.client.request('mutation($input: SetExperimentInput!) { setExperiment(input: $input) { name } }', { input: { datasetId, name, train: ids } });
    await set('EBC1');
    await set('EBC2');
    await lab.client.request('mutation($d: ID!) { deleteExperiment(datasetId: $d, name: "EBC2") { deletedAt } }', { d: datasetId });
    const { createDatasetVersion } = await lab.client.request<{ createDatasetVersion: { number: number; experiments: string[]; imageCount: number } }>(
      'mutation($d: ID!) { createDatasetVersion(datasetId: $d, note: "first") { number experiments imageCount } }',
      { d: datasetId },
    );
    expect(createDatasetVersion).toEqual({ number: 1, experiments: ['EBC1'], imageCount: 1 });
  });
});
