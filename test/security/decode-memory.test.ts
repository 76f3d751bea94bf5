import { readFile } from 'node:fs/promises';
import type { GatewayClient } from '@microseg/cli';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putToUrl, sha256 } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

const SIDE = 10_000;
const MB = 1024 * 1024;

/** A 10000x10000 16-bit RGB PNG of one colour: 100 megapixels (600 MB of samples) in well under a megabyte. */
async function hundredMegapixelPng(value: number): Promise<Buffer> {
  const png = await sharp({ create: { width: SIDE, height: SIDE, channels: 3, background: { r: value, g: value, b: value } } })
    .toColourspace('rgb16')
    .png({ compressionLevel: 9 })
    .toBuffer();
  expect(await sharp(png).metadata()).toMatchObject({ depth: 'ushort', channels: 3 });
  return png;
}

async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

async function upload(client: GatewayClient, datasetId: string, fileName: string, bytes: Buffer) {
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId, fileName, sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: { id: string; width: number; height: number; bitDepth: number } } }>(
    'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id width height bitDepth } } }',
    { input: { uploadId: ticket.uploadId } },
  );
  return completeImageUpload.image;
}

async function uploadMask(client: GatewayClient, imageId: string, bytes: Buffer) {
  const { createMaskUpload: ticket } = await client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
    { input: { imageId, fileName: 'mask.png', sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  const { completeMaskUpload } = await client.request<{ completeMaskUpload: { classPixels: Record<string, number> } }>(
    'mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { classPixels } }',
    { input: { uploadId: ticket.uploadId } },
  );
  return completeMaskUpload;
}

describe('decoding memory is bounded: three 100-megapixel 16-bit RGB uploads at once', () => {
  let platform: TestPlatform;
  let lab: { client: GatewayClient };
  let datasetId: string;
  let pngs: Buffer[];
  let imageIds: string[] = [];

  beforeAll(async () => {
    // Generated one after another: each costs the test process the full image while encoding.
    pngs = [];
    for (const value of [10, 20, 30]) pngs.push(await hundredMegapixelPng(value));
    // The gateway waits as long as three queued decodes may take on a shared 2-core machine.
    platform = await startTestPlatform(['identity', 'dataset'], { SERVICE_TIMEOUT_MS: '120000' });
    lab = await platform.newGroup();
    datasetId = (
      await lab.client.request<{ createDataset: { id: string } }>('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
        input: { name: 'Montages', classes: [{ index: 0, name: 'matrix', color: '#000000' }] },
      })
    ).createDataset.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('stores all three with the service far below a container limit of 1 GB', async () => {
    const pid = platform.platform.processes.get('dataset')?.pid ?? 0;
    const before = await memoryOf(pid);
    let sampledPeak = before.rss;
    const sampler = setInterval(() => {
      memoryOf(pid).then(
        ({ rss }) => (sampledPeak = Math.max(sampledPeak, rss)),
        () => undefined,
      );
    }, 50);
    let images;
    try {
      images = await Promise.all(pngs.map((png, i) => upload(lab.client, datasetId, `montage-${i}.png`, png)));
    } finally {
      clearInterval(sampler);
    }
    expect(images.map(({ width, height, bitDepth }) => ({ width, height, bitDepth }))).toEqual(Array(3).fill({ width: SIDE, height: SIDE, bitDepth: 16 }));
    await new Promise((settle) => setTimeout(settle, 2_000));
    const after = await memoryOf(pid);
    const report = {
      fileKiB: pngs.map((png) => Math.round(png.length / 1024)),
      rssBeforeMiB: Math.round(before.rss / MB),
      peakRssMiB: Math.round(Math.max(after.peak, sampledPeak) / MB),
      rssAfterMiB: Math.round(after.rss / MB),
    };
    console.info(`dataset service memory, three 100-MP 16-bit RGB PNG uploads at once: ${JSON.stringify(report)}`);
    expect(after.peak).toBeLessThan(1024 * MB);
    expect(after.rss).toBeLessThan(768 * MB);
    imageIds = images.map((image) => image.id);
  });

  it('validates three 100-megapixel masks at once, decoded whole one after another within the budget', async () => {
    const pid = platform.platform.processes.get('dataset')?.pid ?? 0;
    const mask = await sharp({ create: { width: SIDE, height: SIDE, channels: 3, background: { r: 0, g: 0, b: 0 } } }).toColourspace('b-w').png().toBuffer();
    const masks = await Promise.all(imageIds.map((imageId) => uploadMask(lab.client, imageId, mask)));
    expect(masks.map((m) => m.classPixels)).toEqual(Array(3).fill({ '0': SIDE * SIDE }));
    const after = await memoryOf(pid);
    console.info(`dataset service memory after three 100-MP mask uploads at once: ${JSON.stringify({ peakRssMiB: Math.round(after.peak / MB), rssAfterMiB: Math.round(after.rss / MB) })}`);
    expect(after.peak).toBeLessThan(1024 * MB);
  });
});
