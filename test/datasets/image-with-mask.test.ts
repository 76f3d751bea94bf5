import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GatewayClient } from '@microseg/cli';
import { EVENTS_STREAM, datasetEvents } from '@microseg/contracts';
import { Client as MinioClient } from 'minio';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, expectCode, startTestPlatform } from '../harness/index.ts';
import { grayPng, indexMaskPng, putToUrl, sha256 } from './images.ts';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');
const BUCKET = 'microseg-datasets';
const classes = [
  { index: 0, name: 'background', color: '#000000' },
  { index: 1, name: 'oxide', color: '#0000ff' },
];

/**
 * An image and its mask are one operation (issue 16, defect 1): a refused mask leaves no image,
 * no event and no object behind, through the CLI and through GraphQL alike.
 */
describe('uploading an image with its mask', () => {
  let platform: TestPlatform;
  let lab: { apiKey: string; client: GatewayClient };
  let nc: NatsConnection;
  let s3: MinioClient;
  let dir: string;
  let datasetId: string;

  const cli = (args: string[]) =>
    run(process.execPath, [BIN, '--url', platform.graphqlUrl, '--api-key', lab.apiKey, ...args, '--json']).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  const imageCount = async () =>
    (await lab.client.request<{ dataset: { imageCount: number } }>('query($id: ID!) { dataset(id: $id) { imageCount } }', { id: datasetId })).dataset.imageCount;
  const uploadedEvents = async () => {
    const info = await (await nc.jetstreamManager()).streams.info(EVENTS_STREAM.name, { subjects_filter: datasetEvents.imageUploaded.subject });
    return info.state.subjects?.[datasetEvents.imageUploaded.subject] ?? 0;
  };
  /** Objects under the dataset's prefix that the deletion sweeper is not about to remove. */
  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const item of s3.listObjectsV2(BUCKET, `groups/`, true)) keys.push((item as { name: string }).name);
    // Deep-zoom tiles of images stored earlier are made in the background and may land at any
    // moment; what a refused upload must not leave behind is an image, mask or their copies.
    return keys.filter((key) => key.includes(datasetId) && !key.includes('/deep-zoom/')).sort();
  };
  const file = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup('Coatings lab');
    nc = await platform.infrastructure.connectNats('image-with-mask-test');
    const endpoint = new URL(platform.infrastructure.s3.endpoint);
    s3 = new MinioClient({
      endPoint: endpoint.hostname,
      port: Number(endpoint.port),
      useSSL: false,
      accessKey: platform.infrastructure.s3.accessKey,
      secretKey: platform.infrastructure.s3.secretKey,
      region: platform.infrastructure.s3.region,
    });
    dir = await mkdtemp(join(tmpdir(), 'microseg-image-mask-'));
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'EBC', material: 'ebc', classes } },
    );
    datasetId = createDataset.id;
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('`microseg image upload --mask` with a refused mask exits 1 and stores neither the image nor the mask', async () => {
    const image = await file('refused.png', await grayPng(24, 16, 1));
    const mask = await file('refused-mask.png', await indexMaskPng(12, 16, 2));
    const eventsBefore = await uploadedEvents();

    const result = await cli(['image', 'upload', image, '--dataset', datasetId, '--mask', mask]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/mask/i);
    expect(await imageCount()).toBe(0);
    expect(await objectKeys()).toEqual([]);
    // The outbox relay publishes within milliseconds of a commit: give it time to show one.
    await new Promise((done) => setTimeout(done, 1_000));
    expect(await uploadedEvents()).toBe(eventsBefore);
  });

  it('stores both with one CLI call, and the image then has its mask', async () => {
    const image = await file('kept.png', await grayPng(24, 16, 2));
    const mask = await file('kept-mask.png', await indexMaskPng(24, 16, 2));

    const result = await cli(['image', 'upload', image, '--dataset', datasetId, '--mask', mask]);

    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as { image: { id: string }; deduplicated: boolean; mask: { kind: string; classPixels: Record<string, number> } };
    expect(answer.deduplicated).toBe(false);
    expect(answer.mask.kind).toBe('index');
    expect(Object.values(answer.mask.classPixels).reduce((a, b) => a + b, 0)).toBe(24 * 16);
    expect(await imageCount()).toBe(1);
    const { image: stored } = await lab.client.request<{ image: { hasMask: boolean } }>('query($id: ID!) { image(id: $id) { hasMask } }', { id: answer.image.id });
    expect(stored.hasMask).toBe(true);
  });

  it('through GraphQL: createImageUpload with a mask hands out two tickets; a refused mask refuses both uploads', async () => {
    const image = await grayPng(24, 16, 3);
    const mask = await indexMaskPng(24, 16, 5);
    const create = async () =>
      (
        await lab.client.request<{ createImageUpload: { uploadId: string; url: string; mask: { uploadId: string; url: string } } }>(
          'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url mask { uploadId url } } }',
          {
            input: {
              datasetId,
              fileName: 'graphql.png',
              sizeBytes: image.length,
              sha256: sha256(image),
              mask: { fileName: 'graphql-mask.png', sizeBytes: mask.length, sha256: sha256(mask) },
            },
          },
        )
      ).createImageUpload;
    const complete = (ticket: { uploadId: string; mask: { uploadId: string } }) =>
      lab.client.request<{ completeImageUpload: { image: { id: string; hasMask: boolean }; mask: { kind: string } } }>(
        'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id hasMask } mask { kind } } }',
        { input: { uploadId: ticket.uploadId, mask: { uploadId: ticket.mask.uploadId } } },
      );
    const before = await objectKeys();

    // Class 4 in a dataset of two classes: refused, and with it the image.
    const refused = await create();
    expect((await putToUrl(refused.url, image)).ok).toBe(true);
    expect((await putToUrl(refused.mask.url, mask)).ok).toBe(true);
    const error = await expectCode(complete(refused), 'INVALID_INPUT');
    expect(error.message).toMatch(/class/i);
    expect(await imageCount()).toBe(1);
    expect(await objectKeys()).toEqual(before);
    // The refused uploads stay refused: a retry does not store the image alone.
    await expectCode(complete(refused), 'INVALID_INPUT');
    expect(await imageCount()).toBe(1);

    const good = await indexMaskPng(24, 16, 2);
    const accepted = (
      await lab.client.request<{ createImageUpload: { uploadId: string; url: string; mask: { uploadId: string; url: string } } }>(
        'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url mask { uploadId url } } }',
        { input: { datasetId, fileName: 'graphql.png', sizeBytes: image.length, sha256: sha256(image), mask: { fileName: 'm.png', sizeBytes: good.length, sha256: sha256(good) } } },
      )
    ).createImageUpload;
    await putToUrl(accepted.url, image);
    await putToUrl(accepted.mask.url, good);
    const { completeImageUpload } = await complete(accepted);
    expect(completeImageUpload.image.hasMask).toBe(true);
    expect(completeImageUpload.mask.kind).toBe('index');
    // A retried completion answers the same image and mask.
    expect((await complete(accepted)).completeImageUpload).toEqual(completeImageUpload);
    expect(await imageCount()).toBe(2);
  });

  it('refuses to complete the mask of an image upload on its own', async () => {
    const image = await grayPng(24, 16, 4);
    const mask = await indexMaskPng(24, 16, 2);
    const { createImageUpload: ticket } = await lab.client.request<{ createImageUpload: { mask: { uploadId: string; url: string } } }>(
      'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { mask { uploadId url } } }',
      { input: { datasetId, fileName: 'alone.png', sizeBytes: image.length, sha256: sha256(image), mask: { fileName: 'alone-mask.png', sizeBytes: mask.length, sha256: sha256(mask) } } },
    );
    await putToUrl(ticket.mask.url, mask);
    const error = await expectCode(
      lab.client.request('mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id } }', { input: { uploadId: ticket.mask.uploadId } }),
      'INVALID_INPUT',
    );
    expect(error.details['problem']).toBe('mask-of-image-upload');
  });
});
