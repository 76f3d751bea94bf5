import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient } from '@microseg/cli';
import { createClient } from 'graphql-ws/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng, putToUrl, sha256 } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform, expectCode } from '../harness/index.ts';

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret key { id scopes expiresAt allowedOperations } }
}`;
type CreatedKey = { createApiKey: { secret: string; key: { id: string; scopes: string[] | null; expiresAt: string | null; allowedOperations: string[] | null } } };

const classes = [
  { index: 0, name: 'background', color: '#000000' },
  { index: 1, name: 'oxide', color: '#0000ff' },
];

describe('scoped machine keys: scopes, trusted documents, expiry (gateway + identity + dataset)', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let datasetId: string;

  const keyWith = async (input: Record<string, unknown>) => {
    const { createApiKey } = await lab.client.request<CreatedKey>(CREATE_KEY, { input: { name: 'machine', ...input } });
    return { ...createApiKey, client: new GatewayClient({ url: platform.graphqlUrl, apiKey: createApiKey.secret }) };
  };

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    lab = await platform.newGroup();
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'SEM uploads', classes } },
    );
    datasetId = createDataset.id;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('lets an upload-only key upload, and refuses it datasets and keys with FORBIDDEN naming the scope', async () => {
    const microscope = await keyWith({ scopes: ['images:upload'] });
    expect(microscope.key.scopes).toEqual(['images:upload']);

    const bytes = await grayPng(24, 16, 7);
    const { createImageUpload: ticket } = await microscope.client.request<{ createImageUpload: { uploadId: string; url: string } }>(
      'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
      { input: { datasetId, fileName: 'sem-0001.png', sizeBytes: bytes.length, sha256: sha256(bytes) } },
    );
    expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
    const { completeImageUpload } = await microscope.client.request<{ completeImageUpload: { image: { id: string; name: string } } }>(
      'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id name } } }',
      { input: { uploadId: ticket.uploadId, limsId: 'S-0001' } },
    );
    expect(completeImageUpload.image.name).toBe('sem-0001');

    const readDatasets = await expectCode(microscope.client.request('{ datasets { nodes { id } } }'), 'FORBIDDEN');
    expect(readDatasets.details).toMatchObject({ requiredScope: 'datasets:read', field: 'datasets' });
    const mintKey = await expectCode(microscope.client.request(CREATE_KEY, { input: { name: 'escalate' } }), 'FORBIDDEN');
    expect(mintKey.details).toMatchObject({ requiredScope: 'admin', field: 'createApiKey' });
    // One out-of-scope field refuses the whole document before any of it runs.
    await expectCode(
      microscope.client.request('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', { input: { name: 'nope', classes } }),
      'FORBIDDEN',
    );
    const { datasets } = await lab.client.request<{ datasets: { nodes: { name: string }[] } }>('{ datasets { nodes { name } } }');
    expect(datasets.nodes.map((d) => d.name)).toEqual(['SEM uploads']);

    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${microscope.secret}` },
      body: JSON.stringify({ query: '{ datasets { nodes { id } } }' }),
    });
    expect(response.status).toBe(403);
    // Who it is, it may always ask.
    expect((await microscope.client.request<{ me: { role: string; scopes: string[] } }>('{ me { role scopes } }')).me).toEqual({
      role: 'admin',
      scopes: ['images:upload'],
    });
  });

  it('refuses an out-of-scope subscription on the socket too', async () => {
    const microscope = await keyWith({ scopes: ['images:upload'] });
    const ws = createClient({
      url: platform.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${microscope.secret}` },
    });
    try {
      const code = await new Promise<unknown>((resolve) => {
        ws.subscribe(
          { query: 'subscription($id: ID!) { measurementCompleted(datasetId: $id) { measurementId } }', variables: { id: datasetId } },
          {
            next: ({ errors }) => resolve(errors?.[0]?.extensions?.['code']),
            error: (errors) => resolve((errors as { extensions?: { code?: string } }[])[0]?.extensions?.code),
            complete: () => resolve(undefined),
          },
        );
      });
      expect(code).toBe('FORBIDDEN');
    } finally {
      await ws.dispose();
    }
  });

  it('lets a scoped key create only keys with some of its own scopes', async () => {
    const manager = await keyWith({ scopes: ['admin', 'results:read'] });
    const narrower = await manager.client.request<CreatedKey>(CREATE_KEY, { input: { name: 'lims', scopes: ['results:read'] } });
    expect(narrower.createApiKey.key.scopes).toEqual(['results:read']);
    const wider = await expectCode(manager.client.request(CREATE_KEY, { input: { name: 'lims', scopes: ['datasets:write'] } }), 'FORBIDDEN');
    expect(wider.details).toMatchObject({ requested: ['datasets:write'] });
    await expectCode(manager.client.request(CREATE_KEY, { input: { name: 'unscoped' } }), 'FORBIDDEN');
    const unknown = await expectCode(lab.client.request(CREATE_KEY, { input: { name: 'typo', scopes: ['images:uplaod'] } }), 'INVALID_INPUT');
    expect(unknown.details).toMatchObject({ scope: 'images:uplaod' });
  });

  it('answers an expired key UNAUTHENTICATED, saying it expired', async () => {
    await expectCode(keyWith({ expiresAt: new Date(Date.now() - 1_000).toISOString() }), 'INVALID_INPUT');
    const expiresAt = new Date(Date.now() + 4_000).toISOString();
    const shortLived = await keyWith({ expiresAt });
    expect(shortLived.key.expiresAt).toBe(expiresAt);
    expect((await shortLived.client.request<{ me: { role: string } }>('{ me { role } }')).me.role).toBe('admin');
    // It cannot outlive itself through a key it makes.
    const longer = await expectCode(shortLived.client.request(CREATE_KEY, { input: { name: 'heir' } }), 'FORBIDDEN');
    expect(longer.details).toMatchObject({ requested: null, held: expiresAt });
    // Within the gateway's auth cache TTL: the cache must not outlive the key.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 200));
    const expired = await expectCode(shortLived.client.request('{ me { role } }'), 'UNAUTHENTICATED');
    expect(expired.message).toContain('expired');
    expect(expired.message).toContain(expiresAt);
  });

  it('lets a key with trusted documents run those (also as persisted queries) and refuses any other', async () => {
    const results = 'query Results($limsId: ID!) { imageByLimsId(limsId: $limsId) { id name } }';
    const hash = createHash('sha256').update(results).digest('hex');
    const lims = await keyWith({ allowedOperations: [hash] });
    expect(lims.key.allowedOperations).toEqual([hash]);
    const { imageByLimsId } = await lims.client.request<{ imageByLimsId: { name: string } }>(results, { limsId: 'S-0001' });
    expect(imageByLimsId.name).toBe('sem-0001');

    // Automatic persisted queries: the hash alone once the document is registered with it.
    const persisted = (body: Record<string, unknown>) =>
      fetch(platform.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${lims.secret}` },
        body: JSON.stringify({ variables: { limsId: 'S-0001' }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, ...body }),
      }).then((response) => response.json() as Promise<{ data?: { imageByLimsId: { name: string } }; errors?: { extensions: { code: string } }[] }>);
    await persisted({ query: results });
    expect((await persisted({})).data?.imageByLimsId.name).toBe('sem-0001');

    for (const other of ['{ me { role } }', `${results} `, 'mutation { createApiKey(input: { name: "x" }) { secret } }']) {
      const refused = await expectCode(lims.client.request(other, { limsId: 'S-0001' }), 'FORBIDDEN');
      expect(refused.details).toMatchObject({ reason: 'operation-not-allowed', operationHash: createHash('sha256').update(other).digest('hex') });
    }
  });

  it('creates scoped, expiring, trusted-document keys from the CLI', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'microseg-keys-'));
    try {
      const document = 'query Results($limsId: ID!) { imageByLimsId(limsId: $limsId) { id } }\n';
      await writeFile(join(dir, 'results.graphql'), document);
      const created = await microsegJson<{ id: string; apiKey: string; scopes: string[]; expiresAt: string; allowedOperations: string[] }>(
        platform.graphqlUrl,
        lab.apiKey,
        ['keys', 'create', '--name', 'LIMS', '--scope', 'results:read,datasets:read', '--expires', '30d', '--allow-document', join(dir, 'results.graphql')],
      );
      expect(created.scopes).toEqual(['results:read', 'datasets:read']);
      expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
      expect(created.allowedOperations).toEqual([createHash('sha256').update(document).digest('hex')]);
      const listed = await microsegJson<{ id: string; scopes: string[] | null }[]>(platform.graphqlUrl, lab.apiKey, ['keys', 'list']);
      expect(listed.find((k) => k.id === created.id)?.scopes).toEqual(['results:read', 'datasets:read']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("records a scoped key's refused mutation in the audit log", async () => {
    const microscope = await keyWith({ scopes: ['images:upload'] });
    await expectCode(microscope.client.request('mutation { deleteDataset(id: "00000000-0000-4000-8000-000000000000") { id } }'), 'FORBIDDEN');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { auditLog } = await lab.client.request<{ auditLog: { nodes: { keyId: string; outcome: string; errorCode: string }[] } }>(
        '{ auditLog(filter: { operation: "deleteDataset" }) { nodes { keyId outcome errorCode } } }',
      );
      const refused = auditLog.nodes.find((e) => e.keyId === microscope.key.id);
      if (refused) {
        expect(refused).toMatchObject({ outcome: 'error', errorCode: 'FORBIDDEN' });
        return;
      }
      if (Date.now() > deadline) throw new Error('the refused mutation never reached the audit log');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
