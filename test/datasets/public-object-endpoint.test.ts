import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GatewayClient } from '@microseg/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { grayPng, indexMaskPng } from './images.ts';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');

/**
 * The object store's public address as an Ingress gives it: a TCP relay on its own port standing
 * for the public host. It counts what passes, and can be closed to show the URLs need it.
 */
async function startPublicRelay(): Promise<{ port: number; target: { port?: number }; bytes: () => number; close: () => Promise<void> }> {
  const target: { port?: number } = {};
  let bytes = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (target.port === undefined) return client.destroy();
    const upstream = connect(target.port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => (bytes += chunk.length));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as AddressInfo).port,
    target,
    bytes: () => bytes,
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}

/**
 * Issue 16, defect 3: with S3_PUBLIC_ENDPOINT set, every presigned URL a caller gets (uploads,
 * downloads, plots) is signed for the public address, and a client that reaches only that address
 * uploads and downloads through it; the store's own address is never handed out.
 */
describe('presigned URLs for a client outside the cluster', () => {
  let platform: TestPlatform;
  let relay: Awaited<ReturnType<typeof startPublicRelay>>;
  let lab: { apiKey: string; client: GatewayClient };
  let dir: string;
  let internalPort: string;

  beforeAll(async () => {
    relay = await startPublicRelay();
    platform = await startTestPlatform(['identity', 'dataset', 'metrology'], { S3_PUBLIC_ENDPOINT: `http://127.0.0.1:${relay.port}` });
    internalPort = new URL(platform.infrastructure.s3.endpoint).port;
    relay.target.port = Number(internalPort);
    lab = await platform.newGroup('Remote lab');
    dir = await mkdtemp(join(tmpdir(), 'microseg-public-endpoint-'));
  }, 120_000);
  afterAll(async () => {
    await relay?.close();
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads an image with its mask through the public address, and hands out only public download and plot URLs', async () => {
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'Remote', classes: [{ index: 0, name: 'matrix', color: '#000000' }, { index: 1, name: 'precipitate', color: '#ff0000' }], defaultPixelSize: { value: 5, unit: 'nm' } } },
    );
    const image = join(dir, 'remote.png');
    const mask = join(dir, 'remote-mask.png');
    await writeFile(image, await grayPng(32, 24, 9));
    await writeFile(mask, await indexMaskPng(32, 24, 2));
    const before = relay.bytes();

    // The CLI is given the GraphQL URL only: the store's address reaches it in presigned URLs, if at all.
    const { stdout } = await run(process.execPath, [BIN, '--url', platform.graphqlUrl, '--api-key', lab.apiKey, 'image', 'upload', image, '--dataset', createDataset.id, '--mask', mask, '--json']);
    const uploaded = JSON.parse(stdout) as { image: { id: string }; mask: { id: string } };
    expect(relay.bytes() - before).toBeGreaterThan(1_000);

    const { image: stored } = await lab.client.request<{
      image: { downloadUrls: { original: string; normalised: string; thumbnail: string }; masks: { indexUrl: string }[] };
    }>('query($id: ID!) { image(id: $id) { downloadUrls { original normalised thumbnail } masks { indexUrl } } }', { id: uploaded.image.id });
    const plot = await eventually(async () => {
      const { image: measured } = await lab.client.request<{ image: { measurements: { nodes: { status: string; plots: { sizeHistogramUrl: string | null } }[] } } }>(
        'query($id: ID!) { image(id: $id) { measurements(source: GROUND_TRUTH) { nodes { status plots { sizeHistogramUrl } } } } }',
        { id: uploaded.image.id },
      );
      return measured.measurements.nodes.find((m) => m.status === 'succeeded')?.plots.sizeHistogramUrl ?? undefined;
    }, 'the measurement of the uploaded mask', 120_000);
    const urls = [...Object.values(stored.downloadUrls), ...stored.masks.map((m) => m.indexUrl), plot];
    for (const url of urls) {
      expect(new URL(url).host, url).toBe(`127.0.0.1:${relay.port}`);
      expect(url).not.toContain(`:${internalPort}`);
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      await response.arrayBuffer();
    }

    // Without the public address the URLs lead nowhere: they were never for the store's own.
    await relay.close();
    await expect(fetch(stored.downloadUrls.original)).rejects.toThrow();
  });
});
