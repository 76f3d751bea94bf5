/**
 * `imageByLimsId` is answered from each gateway's memory (a LIMS polls it hundreds of times a
 * second), and must still never answer older than a change the platform has acknowledged: a LIMS
 * that writes through one gateway replica and reads through another sees its write at once.
 * Two gateways over one dataset service; every change is made through A and read through B.
 */
import { resolve } from 'node:path';
import type { GatewayClient } from '@microseg/cli';
import { GatewayClient as Client } from '@microseg/cli';
import { ServiceProcess, infrastructureEnvironment } from '@microseg/launcher';
import { findFreePort } from '@microseg/local-stack';
import { silentLogger } from '@microseg/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../messaging/env.ts';
import { grayPng, indexMaskPng, putToUrl, sha256 } from './images.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TTL_MS = 4_000;
const CLASSES = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'precipitate', color: '#ffffff' },
  { index: 2, name: 'pore', color: '#ff0000' },
];

interface Found {
  id: string;
  name: string;
  limsId: string;
  hasMask: boolean;
}
const LOOKUP = 'query($limsId: ID!) { imageByLimsId(limsId: $limsId) { id name limsId hasMask } }';
const lookup = async (client: GatewayClient, limsId: string) =>
  (await client.request<{ imageByLimsId: Found | null }>(LOOKUP, { limsId })).imageByLimsId;

async function createDataset(client: GatewayClient, name: string): Promise<string> {
  const { createDataset } = await client.request<{ createDataset: { id: string } }>(
    'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
    { input: { name, classes: CLASSES } },
  );
  return createDataset.id;
}

async function upload(client: GatewayClient, datasetId: string, limsId: string, seed: number): Promise<string> {
  const bytes = await grayPng(24, 16, seed);
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId, fileName: `${limsId}.png`, sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: { id: string } } }>(
    'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }',
    { input: { uploadId: ticket.uploadId, limsId } },
  );
  return completeImageUpload.image.id;
}

async function uploadMask(client: GatewayClient, imageId: string): Promise<string> {
  const mask = await indexMaskPng(24, 16);
  const { createMaskUpload: ticket } = await client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
    { input: { imageId, fileName: 'mask.png', sizeBytes: mask.length, sha256: sha256(mask) } },
  );
  expect((await putToUrl(ticket.url, mask)).ok).toBe(true);
  const { completeMaskUpload } = await client.request<{ completeMaskUpload: { id: string } }>(
    'mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id } }',
    { input: { uploadId: ticket.uploadId } },
  );
  return completeMaskUpload.id;
}

/** The lookups gateway B answered from its memory so far (its /metrics). */
async function hitsOf(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('microseg_lookup_cache_requests_total{') && l.includes('outcome="hit"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('imageByLimsId answered from gateway memory, never older than an acknowledged change', () => {
  let platform: TestPlatform;
  let gatewayB: ServiceProcess;
  let metricsB: string;
  let a: GatewayClient;
  let b: GatewayClient;
  let datasetId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset'], { IMAGE_LOOKUP_CACHE_TTL_MS: String(TTL_MS) });
    const [port, metricsPort] = [await findFreePort(), await findFreePort()];
    gatewayB = new ServiceProcess({
      name: 'gateway-b',
      cwd: resolve(ROOT, 'services/gateway'),
      env: {
        ...infrastructureEnvironment(platform.infrastructure, 'gateway'),
        GATEWAY_PORT: String(port),
        HTTP_PORT: String(metricsPort),
        IMAGE_LOOKUP_CACHE_TTL_MS: String(TTL_MS),
        LOG_LEVEL: 'warn',
      },
      logDir: resolve(ROOT, '.microseg', 'test-logs', platform.infrastructure.runId),
      logger: silentLogger,
      restartOnCrash: false,
    });
    gatewayB.start();
    metricsB = `http://127.0.0.1:${metricsPort}/metrics`;
    const lab = await platform.newGroup();
    a = lab.client;
    b = new Client({ url: `http://127.0.0.1:${port}/graphql`, apiKey: lab.apiKey });
    await eventually(() => b.request('{ me { groupId } }').then(() => true, () => false), { what: 'gateway B' });
    datasetId = await createDataset(a, 'LIMS polling');
  });
  afterAll(async () => {
    await gatewayB?.stop();
    gatewayB?.close();
    await platform?.stop();
  });

  let imageId: string;

  it('answers repeated polls from memory, an absent image included', async () => {
    // B keeps answers once the dataset service has heard of it (an announcement interval after it starts).
    await eventually(
      async () => {
        const before = await hitsOf(metricsB);
        expect(await lookup(b, 'L-1')).toBeNull();
        expect(await lookup(b, 'L-1')).toBeNull();
        return (await hitsOf(metricsB)) > before;
      },
      { what: 'B to answer from memory' },
    );
  });

  it('shows an upload with the polled LIMS id as soon as the upload is acknowledged', async () => {
    imageId = await upload(a, datasetId, 'L-1', 1);
    expect(await lookup(b, 'L-1')).toMatchObject({ id: imageId, limsId: 'L-1', hasMask: false });
    const hits = await hitsOf(metricsB);
    await lookup(b, 'L-1');
    expect(await hitsOf(metricsB)).toBe(hits + 1);
  });

  it('shows a rename, a mask and its deletion as soon as each is acknowledged', async () => {
    await a.request('mutation($id: ID!, $input: UpdateImageInput!) { updateImage(id: $id, input: $input) { id } }', {
      id: imageId,
      input: { name: 'renamed' },
    });
    expect(await lookup(b, 'L-1')).toMatchObject({ id: imageId, name: 'renamed', hasMask: false });
    const maskId = await uploadMask(a, imageId);
    expect(await lookup(b, 'L-1')).toMatchObject({ hasMask: true });
    await a.request('mutation($id: ID!) { deleteMask(id: $id) { id } }', { id: maskId });
    expect(await lookup(b, 'L-1')).toMatchObject({ hasMask: false });
  });

  it('answers null as soon as the image is deleted', async () => {
    await a.request('mutation($id: ID!) { deleteImage(id: $id) { id } }', { id: imageId });
    expect(await lookup(b, 'L-1')).toBeNull();
    expect(await lookup(a, 'L-1')).toBeNull();
  });

  it('answers null as soon as the image’s dataset is deleted', async () => {
    const other = await createDataset(a, 'to be deleted');
    const id = await upload(a, other, 'L-2', 2);
    expect(await lookup(b, 'L-2')).toMatchObject({ id });
    await a.request('mutation($id: ID!) { deleteDataset(id: $id) { id } }', { id: other });
    expect(await lookup(b, 'L-2')).toBeNull();
    expect(await lookup(a, 'L-2')).toBeNull();
  });

  it("keeps each group's answers apart", async () => {
    const other = await platform.newGroup();
    const otherB = new Client({ url: b.url, apiKey: other.apiKey });
    const otherId = await upload(other.client, await createDataset(other.client, 'other lab'), 'L-3', 3);
    expect(await lookup(b, 'L-3')).toBeNull();
    expect(await lookup(otherB, 'L-3')).toMatchObject({ id: otherId });
    const mineId = await upload(a, datasetId, 'L-3', 4);
    expect(await lookup(b, 'L-3')).toMatchObject({ id: mineId });
    expect(await lookup(otherB, 'L-3')).toMatchObject({ id: otherId });
  });

  it('holds a change until a gateway that cannot confirm has let its answers expire', async () => {
    expect(await lookup(b, 'L-4')).toBeNull();
    const pid = gatewayB.pid;
    if (pid === undefined) throw new Error('gateway B has no process');
    process.kill(pid, 'SIGSTOP');
    let elapsedMs: number;
    let id: string;
    try {
      const started = performance.now();
      id = await upload(a, datasetId, 'L-4', 5);
      elapsedMs = performance.now() - started;
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(elapsedMs).toBeGreaterThanOrEqual(TTL_MS);
    expect(await lookup(b, 'L-4')).toMatchObject({ id });
  });

  it('stops waiting for a gateway that has stopped', async () => {
    await gatewayB.stop();
    const started = performance.now();
    const id = await upload(a, datasetId, 'L-5', 6);
    expect(performance.now() - started).toBeLessThan(TTL_MS);
    expect(await lookup(a, 'L-5')).toMatchObject({ id });
  });
});
