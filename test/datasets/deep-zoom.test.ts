import { randomUUID } from 'node:crypto';
import type { GatewayClient } from '@microseg/cli';
import { deepZoomContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import { Client as MinioClient } from 'minio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, expectCode, startTestPlatform } from '../harness/index.ts';
import { grayPng, putToUrl, sha256 } from './images.ts';

const CLASSES = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'precipitate', color: '#00ff00' },
];
const WIDTH = 700;
const HEIGHT = 300;

interface Pyramid {
  width: number;
  height: number;
  tileSize: number;
  format: string;
  maxLevel: number;
  tiles: { column: number; row: number; url: string }[];
}

const PYRAMIDS = `query($id: ID!, $level: Int!) { image(id: $id) {
  deepZoom { width height tileSize format maxLevel tiles(level: $level, column: 0, row: 0) { column row url } }
  masks { id deepZoom { width height tileSize format maxLevel tiles(level: $level, column: 1, row: 0, columns: 2, rows: 1) { column row url } } }
} }`;

async function upload(client: GatewayClient, datasetId: string): Promise<string> {
  const image = await grayPng(WIDTH, HEIGHT);
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId, fileName: 'large.png', sizeBytes: image.length, sha256: sha256(image) } },
  );
  await putToUrl(ticket.url, image);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: { id: string } } }>(
    'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }',
    { input: { uploadId: ticket.uploadId } },
  );
  // Left half matrix, right half precipitate.
  const mask = await sharp(Uint8Array.from({ length: WIDTH * HEIGHT }, (_, i) => (i % WIDTH < WIDTH / 2 ? 0 : 1)), { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
  const { createMaskUpload: maskTicket } = await client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
    { input: { imageId: completeImageUpload.image.id, fileName: 'mask.png', sizeBytes: mask.length, sha256: sha256(mask) } },
  );
  await putToUrl(maskTicket.url, mask);
  await client.request('mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id } }', { input: { uploadId: maskTicket.uploadId } });
  return completeImageUpload.image.id;
}

const rgbaAt = async (url: string, x: number, y: number) => {
  const { data, info } = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 4;
  return [...data.subarray(at, at + 4)];
};

describe('deep zoom tiles of micrographs and masks, made once and handed out as presigned URLs', () => {
  let platform: TestPlatform;
  let lab: { client: GatewayClient };
  let imageId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup();
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
      input: { name: 'Deep zoom', classes: CLASSES },
    });
    imageId = await upload(lab.client, createDataset.id);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('makes the pyramids of a new image and of its mask before anybody asks for them', async () => {
    const endpoint = new URL(platform.infrastructure.s3.endpoint);
    const { accessKey, secretKey, region } = platform.infrastructure.s3;
    const s3 = new MinioClient({ endPoint: endpoint.hostname, port: Number(endpoint.port), useSSL: false, accessKey, secretKey, region });
    const manifests = async () => {
      const keys: string[] = [];
      for await (const item of s3.listObjectsV2('microseg-datasets', 'groups/', true) as AsyncIterable<{ name: string }>) keys.push(item.name);
      return keys.filter((key) => key.includes('/deep-zoom/') && key.endsWith('/pyramid.json'));
    };
    const deadline = Date.now() + 60_000;
    while ((await manifests()).length < 2 && Date.now() < deadline) await new Promise((tick) => setTimeout(tick, 250));
    expect((await manifests()).map((key) => key.split('/').at(-2)?.split('-')[0]).sort()).toEqual(['image', 'mask']);
  });

  it('makes the pyramids on concurrent first asks alike, then answers with the kept ones', async () => {
    const ask = () => lab.client.request<{ image: { deepZoom: Pyramid; masks: { deepZoom: Pyramid }[] } }>(PYRAMIDS, { id: imageId, level: 10 });
    const [first, second] = await Promise.all([ask(), ask()]);
    const again = await ask();
    for (const answer of [first, second, again]) {
      expect(answer.image.deepZoom).toMatchObject({ width: WIDTH, height: HEIGHT, tileSize: 256, format: 'jpeg', maxLevel: 10 });
      expect(answer.image.masks[0]?.deepZoom).toMatchObject({ width: WIDTH, height: HEIGHT, format: 'png', maxLevel: 10 });
    }
    // Level 10 is 3 x 2 tiles; an 8 x 8 block from the corner holds all six.
    const image = again.image.deepZoom.tiles;
    expect(image.map((t) => `${t.column},${t.row}`)).toEqual(['0,0', '1,0', '2,0', '0,1', '1,1', '2,1']);
    expect(await sharp(Buffer.from(await (await fetch(image[5]?.url ?? '')).arrayBuffer())).metadata()).toMatchObject({ width: WIDTH - 512 + 1, height: HEIGHT - 256 + 1 });

    // Column 1 spans x 255..512 (a pixel of overlap each side): the mask turns from matrix
    // (transparent) to precipitate (green) at 350.
    const mask = again.image.masks[0]?.deepZoom.tiles ?? [];
    expect(mask.map((t) => `${t.column},${t.row}`)).toEqual(['1,0', '2,0']);
    expect(await rgbaAt(mask[0]?.url ?? '', 350 - 255 - 1, 10)).toEqual([0, 0, 0, 0]);
    expect(await rgbaAt(mask[0]?.url ?? '', 350 - 255, 10)).toEqual([0, 255, 0, 255]);
  });

  it("shows another group neither the image's pyramid nor its mask's", async () => {
    const other = await platform.newGroup('Other lab');
    // Another group's image is answered as one that does not exist: null, with nothing under it.
    expect(await other.client.request(PYRAMIDS, { id: imageId, level: 10 })).toEqual({ image: null });
    const { image } = await lab.client.request<{ image: { masks: { id: string }[] } }>('query($id: ID!) { image(id: $id) { masks { id } } }', { id: imageId });
    const nc = await platform.infrastructure.connectNats('deep-zoom test');
    try {
      const principal = { groupId: other.groupId, groupName: 'Other lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' as const };
      await expectCode(
        request(nc, deepZoomContracts.tiles, { imageId, maskId: image.masks[0]?.id ?? '', level: 10, column: 0, row: 0 }, { headers: platform.infrastructure.principals.headers(principal) }),
        'NOT_FOUND',
      );
    } finally {
      await nc.close();
    }
  });

  it('refuses a level the pyramid does not have, in words', async () => {
    await expectCode(lab.client.request(PYRAMIDS, { id: imageId, level: 11 }), 'INVALID_INPUT');
  });
});
