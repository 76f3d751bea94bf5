import { datasetContracts as c, datasetEvents } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { decodeImage } from '@microseg/micrograph';
import { DeliverPolicy } from 'nats';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type DatasetServiceEnv, startDatasetServiceEnv } from './dataset-service-env.ts';
import { FEI_TEXT, ZEISS_TEXT, syntheticTiff } from '../fixtures/sem-tiff.ts';
import { gray16Png, grayPng, indexMaskPng, putToUrl, sha256 } from './images.ts';

const classes = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'secondary', color: '#0000ff' },
  { index: 2, name: 'tertiary', color: '#ff0000' },
];

async function failure(call: Promise<unknown>): Promise<MicroSegError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

async function upload(caller: Caller, datasetId: string, bytes: Buffer, fileName: string, extra: Record<string, unknown> = {}) {
  const ticket = await caller.call(c.createImageUpload, { datasetId, fileName, sizeBytes: bytes.length, sha256: sha256(bytes) });
  expect((await putToUrl(ticket.url ?? '', bytes)).status).toBe(200);
  return caller.call(c.completeImageUpload, { uploadId: ticket.uploadId, ...extra });
}

describe('dataset service over NATS (PostgreSQL, JetStream outbox, S3)', () => {
  let env: DatasetServiceEnv;
  let lab: Caller;
  let datasetId: string;

  beforeAll(async () => {
    // Multipart from 5 MiB (S3's smallest part), so a test file of a few MiB goes up in parts.
    env = await startDatasetServiceEnv({ DATASET_MULTIPART_THRESHOLD_BYTES: String(5 * 1024 * 1024) });
    lab = env.newCaller();
    datasetId = (await lab.call(c.createDataset, { name: 'Superalloy', material: 'super', classes, defaultPixelSize: { value: 2, unit: 'nm' } })).id;
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('creates a dataset owned by the group, hidden from other groups', async () => {
    const dataset = await lab.call(c.getDataset, { id: datasetId });
    expect(dataset).toMatchObject({ groupId: lab.principal.groupId, material: 'super', classes, visibility: { level: 'private' } });
    const stranger = env.newCaller();
    expect((await failure(stranger.call(c.getDataset, { id: datasetId }))).code).toBe('NOT_FOUND');
    expect((await stranger.call(c.listDatasets, {})).nodes).toEqual([]);
    expect((await failure(lab.call(c.createDataset, { name: 'superalloy', classes }))).code).toBe('CONFLICT');
  });

  it('shares read-only: a shared dataset is readable but not writable by the other group', async () => {
    const other = env.newCaller();
    const shared = await lab.call(c.createDataset, { name: 'Shared', classes, visibility: { level: 'shared', sharedWith: [other.principal.groupId] } });
    expect((await other.call(c.getDataset, { id: shared.id })).name).toBe('Shared');
    const denied = await failure(other.call(c.createImageUpload, { datasetId: shared.id, fileName: 'a.png', sizeBytes: 1, sha256: 'a'.repeat(64) }));
    expect(denied.code).toBe('FORBIDDEN');
  });

  it('ingests a 16-bit image: exact samples in the normalised copy, metadata, the event', async () => {
    const js = env.nc.jetstream();
    const startedAt = new Date(Date.now() - 1_000);
    const { png, pixels } = gray16Png(64, 48, 1);
    const bytes = await png;
    const { image, deduplicated } = await upload(lab, datasetId, bytes, 'spot1.png', { limsId: 'LIMS-1', metadata: { operator: 'ada' } });
    expect(deduplicated).toBe(false);
    expect(image).toMatchObject({ name: 'spot1', width: 64, height: 48, channels: 1, bitDepth: 16, format: 'png', lossy: false, limsId: 'LIMS-1' });
    expect(image.pixelSize).toEqual({ value: 2, unit: 'nm' });
    expect(image.pixelSizeSource).toBe('dataset');
    const urls = await lab.call(c.downloadUrls, { imageIds: [image.id] });
    const normalised = Buffer.from(await (await fetch(urls.images[0]?.normalised ?? '')).arrayBuffer());
    expect(Array.from((await decodeImage(normalised)).pixels)).toEqual(Array.from(pixels));
    const thumbnail = await fetch(urls.images[0]?.thumbnail ?? '');
    expect(thumbnail.headers.get('content-type')).toContain('image/jpeg');

    // The events stream is shared and durable: read only what was published since this test began.
    const consumer = await js.consumers.get('MICROSEG_EVENTS', {
      filterSubjects: datasetEvents.imageUploaded.subject,
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: startedAt.toISOString(),
    });
    let seen = false;
    for (let attempt = 0; attempt < 50 && !seen; attempt++) {
      const message = await consumer.next({ expires: 1_000 });
      if (message?.json<{ imageId: string }>().imageId === image.id) seen = true;
    }
    expect(seen).toBe(true);
    expect((await lab.call(c.findImageByLimsId, { limsId: 'LIMS-1' })).id).toBe(image.id);
  });

  it('keeps LIMS sample ids unique within the group; a refused completion can be retried', async () => {
    const bytes = await grayPng(16, 16, 42);
    const ticket = await lab.call(c.createImageUpload, { datasetId, fileName: 'second.png', sizeBytes: bytes.length, sha256: sha256(bytes) });
    await putToUrl(ticket.url ?? '', bytes);
    const clash = await failure(lab.call(c.completeImageUpload, { uploadId: ticket.uploadId, limsId: 'LIMS-1' }));
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain('LIMS-1');
    const { image } = await lab.call(c.completeImageUpload, { uploadId: ticket.uploadId, limsId: 'LIMS-2' });
    expect(image.limsId).toBe('LIMS-2');
  });

  it('re-encodes a 16-bit TIFF into an exact normalised PNG, and refuses a multi-page TIFF instead of keeping page 1', async () => {
    const { pixels } = gray16Png(40, 30, 5);
    const page = () => sharp(pixels, { raw: { width: 40, height: 30, channels: 1 } }).toColourspace('grey16');
    const { image } = await upload(lab, datasetId, await page().tiff({ compression: 'lzw' }).toBuffer(), 'stack-page.tif');
    expect(image).toMatchObject({ format: 'tiff', bitDepth: 16 });
    const urls = await lab.call(c.downloadUrls, { imageIds: [image.id] });
    const normalised = Buffer.from(await (await fetch(urls.images[0]?.normalised ?? '')).arrayBuffer());
    expect(Array.from((await decodeImage(normalised)).pixels)).toEqual(Array.from(pixels));

    const pages = await Promise.all([page().png().toBuffer(), sharp(pixels.map((v) => 65535 - v), { raw: { width: 40, height: 30, channels: 1 } }).toColourspace('grey16').png().toBuffer()]);
    const stack = await sharp(pages, { join: { animated: true } }).tiff().toBuffer();
    const refused = await failure(upload(lab, datasetId, stack, 'stack.tif'));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.details).toMatchObject({ problem: 'multi-page', pages: 2 });
    expect(refused.message).toContain('2 pages');
  });

  it("takes an SEM's own pixel-size tag over the dataset default, and states none rather than guess", async () => {
    const fei = await upload(lab, datasetId, Buffer.from(syntheticTiff([{ tag: 34682, type: 2, value: FEI_TEXT }])), 'helios.tif');
    expect(fei.image).toMatchObject({ pixelSize: { value: 2.4802, unit: 'nm' }, pixelSizeSource: 'fei_tag' });
    const zeiss = await upload(lab, datasetId, Buffer.from(syntheticTiff([{ tag: 34118, type: 2, value: ZEISS_TEXT }])), 'sigma.tif');
    expect(zeiss.image).toMatchObject({ pixelSize: { value: 12.3, unit: 'nm' }, pixelSizeSource: 'zeiss_tag' });
    const unscaled = await lab.call(c.createDataset, { name: 'No scale', classes });
    const bare = await upload(lab, unscaled.id, Buffer.from(syntheticTiff([])), 'bare.tif');
    expect(bare.image).toMatchObject({ pixelSize: null, pixelSizeSource: null });
  });

  it('dedupes the same bytes within a dataset, and upload tickets say so up front', async () => {
    const bytes = await grayPng(32, 32, 9);
    const first = await upload(lab, datasetId, bytes, 'dup-a.png');
    const second = await upload(lab, datasetId, bytes, 'dup-b.png');
    expect(second).toMatchObject({ deduplicated: true, image: { id: first.image.id } });
    const ticket = await lab.call(c.createImageUpload, { datasetId, fileName: 'x.png', sizeBytes: bytes.length, sha256: sha256(bytes) });
    expect(ticket.existingImageId).toBe(first.image.id);
  });

  it('answers a retried mutation with the same Idempotency-Key once', async () => {
    const key = { 'microseg-idempotency-key': 'create-once-1' };
    const first = await lab.call(c.createDataset, { name: 'Once', classes }, key);
    const again = await lab.call(c.createDataset, { name: 'Once', classes }, key);
    expect(again.id).toBe(first.id);
    expect((await failure(lab.call(c.createDataset, { name: 'Other', classes }, key))).code).toBe('CONFLICT');
  });

  it('stores masks, splits, filters and immutable versions', async () => {
    const ds = (await lab.call(c.createDataset, { name: 'Splits', classes })).id;
    const a = (await upload(lab, ds, await grayPng(16, 16, 1), 'a.png', { metadata: { stage: 'etched' } })).image;
    const b = (await upload(lab, ds, await grayPng(16, 16, 2), 'b.png')).image;
    const maskBytes = await indexMaskPng(16, 16);
    const maskTicket = await lab.call(c.createMaskUpload, { imageId: a.id, fileName: 'a.png', sizeBytes: maskBytes.length, sha256: sha256(maskBytes) });
    await putToUrl(maskTicket.url ?? '', maskBytes);
    const mask = await lab.call(c.completeMaskUpload, { uploadId: maskTicket.uploadId });
    expect(mask).toMatchObject({ kind: 'index', source: 'ground_truth', classPixels: { 0: 96, 1: 80, 2: 80 } });

    await lab.call(c.setExperiment, { datasetId: ds, name: 'Super1', train: [a.id], test: [b.id], notes: { heldOut: 'none' } });
    const list = (filter: object) => lab.call(c.listImages, { datasetId: ds, filter }).then((p) => p.nodes.map((i) => i.name));
    expect(await list({ experiment: 'Super1', subset: 'train' })).toEqual(['a']);
    expect(await list({ hasMask: false })).toEqual(['b']);
    expect(await list({ metadata: { stage: 'etched' } })).toEqual(['a']);
    const page = await lab.call(c.listImages, { datasetId: ds, first: 1 });
    expect(page.hasNextPage).toBe(true);
    expect((await lab.call(c.listImages, { datasetId: ds, first: 1, after: page.endCursor ?? '' })).nodes[0]?.name).toBe('b');

    const v1 = await lab.call(c.createVersion, { datasetId: ds });
    expect(v1).toMatchObject({ number: 1, imageCount: 2, maskCount: 1, experiments: ['Super1'] });
    expect((await lab.call(c.createVersion, { datasetId: ds })).id).toBe(v1.id);
    await lab.call(c.deleteImage, { id: b.id });
    const v2 = await lab.call(c.createVersion, { datasetId: ds });
    expect(v2.number).toBe(2);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    const frozen = await lab.call(c.getVersionContent, { id: v1.id });
    expect(frozen.images.map((i) => i.name)).toEqual(['a', 'b']);
    expect(frozen.experiments[0]).toMatchObject({ train: [a.id], test: [b.id] });
    expect((await failure(lab.call(c.getImage, { id: b.id }))).code).toBe('NOT_FOUND');
  });

  it('hands out part URLs for large files and completes the multipart upload', async () => {
    // Noise does not compress: 2048x1536 16-bit samples make a PNG of about 6 MiB, two parts.
    const noise = Uint16Array.from({ length: 2048 * 1536 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 16) & 0xffff);
    const bytes = await sharp(noise, { raw: { width: 2048, height: 1536, channels: 1 } }).toColourspace('grey16').png({ compressionLevel: 1 }).toBuffer();
    const ticket = await lab.call(c.createImageUpload, { datasetId, fileName: 'large.png', sizeBytes: bytes.length, sha256: sha256(bytes) });
    expect(ticket.url).toBeNull();
    const multipart = ticket.multipart ?? { partSizeBytes: 0, parts: [] };
    expect(multipart.parts.length).toBe(Math.ceil(bytes.length / multipart.partSizeBytes));
    const parts = [];
    for (const part of multipart.parts) {
      const start = (part.partNumber - 1) * multipart.partSizeBytes;
      const response = await putToUrl(part.url, bytes.subarray(start, start + multipart.partSizeBytes));
      expect(response.status).toBe(200);
      parts.push({ partNumber: part.partNumber, etag: response.headers.get('etag') ?? '' });
    }
    const { image } = await lab.call(c.completeImageUpload, { uploadId: ticket.uploadId, parts });
    expect(image).toMatchObject({ width: 2048, height: 1536, bitDepth: 16, sizeBytes: bytes.length, sha256: sha256(bytes) });
  });
});
