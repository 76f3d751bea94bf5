import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { GatewayClient } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import { decodeImage } from '@microseg/micrograph';
import { Client as MinioClient } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadInputs, IMAGE_HEIGHT, IMAGE_WIDTH, generateBadInputs } from '../fixtures/bad-inputs/generate.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { putToUrl, sha256 } from './images.ts';

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
const CREATE_UPLOAD = `mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }`;
const COMPLETE_UPLOAD = `mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id name bitDepth downloadUrls { normalised } } } }`;
const CREATE_MASK_UPLOAD = `mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }`;
const COMPLETE_MASK_UPLOAD = `mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id kind } }`;

interface Ticket {
  uploadId: string;
  url: string;
}
interface UploadedImage {
  id: string;
  name: string;
  bitDepth: number;
  downloadUrls: { normalised: string };
}

async function refusal(call: Promise<unknown>): Promise<MicroSegError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

/** The whole client path: ticket, PUT of the bytes, completion. `declared` lets a case lie about the bytes. */
async function uploadImage(client: GatewayClient, datasetId: string, fileName: string, bytes: Buffer, declared: Buffer = bytes): Promise<UploadedImage> {
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: Ticket }>(CREATE_UPLOAD, {
    input: { datasetId, fileName, sizeBytes: declared.length, sha256: sha256(declared) },
  });
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: UploadedImage } }>(COMPLETE_UPLOAD, { input: { uploadId: ticket.uploadId } });
  return completeImageUpload.image;
}

async function uploadMask(client: GatewayClient, imageId: string, bytes: Buffer) {
  const { createMaskUpload: ticket } = await client.request<{ createMaskUpload: Ticket }>(CREATE_MASK_UPLOAD, {
    input: { imageId, fileName: 'mask.png', sizeBytes: bytes.length, sha256: sha256(bytes) },
  });
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  return (await client.request<{ completeMaskUpload: { id: string; kind: string } }>(COMPLETE_MASK_UPLOAD, { input: { uploadId: ticket.uploadId } })).completeMaskUpload;
}

async function peakRssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

describe('bad input through the real upload path: typed errors, nothing stored half', () => {
  let platform: TestPlatform;
  let lab: { groupId: string; client: GatewayClient };
  let inputs: BadInputs;
  let datasetId: string;
  let validImage: UploadedImage;
  let sixteenBit: UploadedImage;
  const refusedProblems: Record<string, string> = {};

  beforeAll(async () => {
    [platform, inputs] = await Promise.all([startTestPlatform(['identity', 'dataset']), generateBadInputs()]);
    lab = await platform.newGroup();
    const classes = [
      { index: 0, name: 'matrix', color: '#000000' },
      { index: 1, name: 'secondary', color: '#0000ff' },
      { index: 2, name: 'tertiary', color: '#ff0000' },
    ];
    datasetId = (await lab.client.request<{ createDataset: { id: string } }>(CREATE_DATASET, { input: { name: 'Corpus', classes } })).createDataset.id;
    validImage = await uploadImage(lab.client, datasetId, 'valid.png', inputs.validImage);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const imageCases: [string, keyof BadInputs, string, RegExp][] = [
    ['a zero-byte file', 'emptyFile', 'empty-file', /empty/],
    ['a text file renamed .png', 'textAsPng', 'unsupported-format', /not a PNG, TIFF or JPEG.*Sample 42/],
    ['a truncated PNG', 'truncatedPng', 'truncated', /PNG is truncated/],
    ['a truncated TIFF', 'truncatedTiff', 'truncated', /TIFF is truncated/],
    ['a PNG with a bad CRC', 'badCrcPng', 'bad-crc', /IHDR .* bad CRC/],
    ['a 5-channel TIFF', 'fiveChannelTiff', 'unsupported-channels', /5 channels/],
  ];
  it.each(imageCases)('refuses %s, naming the problem', async (_label, key, problem, message) => {
    const error = await refusal(uploadImage(lab.client, datasetId, `${key}.png`, inputs[key] as Buffer));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details['problem']).toBe(problem);
    expect(error.message).toMatch(message);
    refusedProblems[key] = problem;
  });

  it('refuses a decompression bomb from its header, with the service memory bounded', async () => {
    const pid = platform.platform.processes.get('dataset')?.pid ?? 0;
    const before = await peakRssBytes(pid);
    const error = await refusal(uploadImage(lab.client, datasetId, 'bomb.png', inputs.decompressionBomb));
    expect(error.details).toMatchObject({ problem: 'too-many-pixels', width: 30_000, height: 30_000 });
    expect(error.message).toContain('30000x30000');
    // Decoding it would take 900 MB; refusing it from the header takes nothing worth measuring.
    expect((await peakRssBytes(pid)) - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('accepts a 16-bit image and keeps its values exactly', async () => {
    sixteenBit = await uploadImage(lab.client, datasetId, 'sixteen.png', inputs.sixteenBit.png);
    expect(sixteenBit.bitDepth).toBe(16);
    const stored = Buffer.from(await (await fetch(sixteenBit.downloadUrls.normalised)).arrayBuffer());
    expect(Array.from((await decodeImage(stored)).pixels)).toEqual(Array.from(inputs.sixteenBit.samples));
  });

  it('refuses a mask of another size than its image', async () => {
    const error = await refusal(uploadMask(lab.client, validImage.id, inputs.maskOfAnotherSize));
    expect(error.details['problem']).toBe('mask-size-mismatch');
    expect(error.message).toContain(`32x32 but its image is ${IMAGE_WIDTH}x${IMAGE_HEIGHT}`);
  });

  it('refuses a colour mask with colours outside the class schema, listing them with pixel counts', async () => {
    const error = await refusal(uploadMask(lab.client, validImage.id, inputs.colourMaskWithUnknownColours));
    expect(error.details['unknownColours']).toEqual([
      { color: '#00ff00', pixels: 6 },
      { color: '#123456', pixels: 2 },
    ]);
    expect(error.message).toContain('#00ff00 (6 px), #123456 (2 px)');
  });

  it('refuses an index mask with values beyond the classes', async () => {
    const error = await refusal(uploadMask(lab.client, validImage.id, inputs.indexMaskBeyondClasses));
    expect(error.details['unknownValues']).toEqual([
      { value: 7, pixels: 5 },
      { value: 200, pixels: 1 },
    ]);
  });

  it('refuses bytes whose sha256 is not the declared one', async () => {
    const other = Buffer.from(inputs.validImage);
    other.writeUInt8(other.readUInt8(other.length - 20) ^ 1, other.length - 20);
    const error = await refusal(uploadImage(lab.client, datasetId, 'tampered.png', other, inputs.sixteenBit.png.subarray(0, other.length)));
    expect(error.details['problem']).toBe('sha256-mismatch');
  });

  it('refuses an upload URL used after its expiry, and the upload cannot complete', async () => {
    const bytes = inputs.validMask;
    const { createImageUpload: ticket } = await lab.client.request<{ createImageUpload: Ticket }>(CREATE_UPLOAD, {
      input: { datasetId, fileName: 'late.png', sizeBytes: bytes.length, sha256: sha256(bytes), expiresInSeconds: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const response = await putToUrl(ticket.url, bytes);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
    const error = await refusal(lab.client.request(COMPLETE_UPLOAD, { input: { uploadId: ticket.uploadId } }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ problem: 'nothing-uploaded', expired: true });
  });

  it('refuses to complete an upload that was never made', async () => {
    const unknown = await refusal(lab.client.request(COMPLETE_UPLOAD, { input: { uploadId: randomUUID() } }));
    expect(unknown.code).toBe('NOT_FOUND');
    const { createImageUpload: ticket } = await lab.client.request<{ createImageUpload: Ticket }>(CREATE_UPLOAD, {
      input: { datasetId, fileName: 'never.png', sizeBytes: 10, sha256: 'a'.repeat(64) },
    });
    const neverPut = await refusal(lab.client.request(COMPLETE_UPLOAD, { input: { uploadId: ticket.uploadId } }));
    expect(neverPut.details).toMatchObject({ problem: 'nothing-uploaded', expired: false });
  });

  it("answers NOT_FOUND for another group's dataset, as for one that does not exist", async () => {
    const other = await platform.newGroup();
    const bytes = inputs.validImage;
    const input = { datasetId, fileName: 'x.png', sizeBytes: bytes.length, sha256: sha256(bytes) };
    const error = await refusal(other.client.request(CREATE_UPLOAD, { input }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe((await refusal(other.client.request(CREATE_UPLOAD, { input: { ...input, datasetId: randomUUID() } }))).message.replace(/[0-9a-f-]{36}/, datasetId));
  });

  it('is still up afterwards, and the dataset holds exactly the valid images and objects', async () => {
    const mask = await uploadMask(lab.client, validImage.id, inputs.validMask);
    expect(mask.kind).toBe('index');
    const { health } = await platform.anonymous.request<{ health: { services: { service: string; status: string }[] } }>('{ health { services { service status } } }');
    expect(health.services.find((s) => s.service === 'dataset')?.status).toBe('up');
    const { dataset } = await lab.client.request<{ dataset: { imageCount: number; images: { nodes: { name: string }[] } } }>(
      'query($id: ID!) { dataset(id: $id) { imageCount images { nodes { name } } } }',
      { id: datasetId },
    );
    expect(dataset.images.nodes.map((i) => i.name)).toEqual(['valid', 'sixteen']);
    expect(Object.keys(refusedProblems)).toHaveLength(imageCases.length);

    // Every object left under the dataset belongs to an accepted image or mask: originals
    // (which serve as normalised copies for plain PNGs), thumbnails, and the index mask.
    const { s3 } = platform.infrastructure;
    const endpoint = new URL(s3.endpoint);
    const minio = new MinioClient({ endPoint: endpoint.hostname, port: Number(endpoint.port), useSSL: false, accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region });
    const keys: string[] = [];
    for await (const item of minio.listObjectsV2('microseg-datasets', `groups/${lab.groupId}/datasets/${datasetId}/`, true)) {
      keys.push((item as { name: string }).name);
    }
    // Deep-zoom tiles are made in the background when an image or mask is stored: any there are
    // must sit beside an accepted image's working copy.
    const folderOf = (key: string) => /^.*\/images\/[^/]+\//.exec(key)?.[0];
    const acceptedFolders = new Set(keys.filter((key) => key.includes('/images/') && key.endsWith('thumbnail.jpg')).map(folderOf));
    expect(keys.filter((key) => key.includes('/deep-zoom/') && !acceptedFolders.has(folderOf(key)))).toEqual([]);
    expect(keys.filter((key) => !key.includes('/deep-zoom/')).map((k) => k.replace(/[0-9a-f-]{36}/g, 'ID').replace(/^.*\/datasets\/ID\//, '')).sort()).toEqual([
      'images/ID/original/sixteen.png',
      'images/ID/original/valid.png',
      'images/ID/thumbnail.jpg',
      'images/ID/thumbnail.jpg',
      'masks/ID/original/mask.png',
    ]);
  });
});
