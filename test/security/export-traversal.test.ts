import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GatewayClient } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayPng, indexMaskPng, putToUrl, sha256 } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');
const CLASSES = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'secondary', color: '#0000ff' },
  { index: 2, name: 'tertiary', color: '#ff0000' },
];

/** `microseg ... --json` as a user runs it: exit code, parsed stdout and stderr. */
function microseg(graphqlUrl: string, apiKey: string, args: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, '--url', graphqlUrl, '--api-key', apiKey, ...args, '--json'], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, json: stdout.trim() ? (JSON.parse(stdout) as unknown) : undefined, stderr });
    });
  });
}

async function refusal(call: Promise<unknown>): Promise<MicroSegError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

async function upload(client: GatewayClient, datasetId: string, fileName: string, bytes: Buffer, name?: string) {
  const { createImageUpload: ticket } = await client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId, fileName, sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  const { completeImageUpload } = await client.request<{ completeImageUpload: { image: { id: string } } }>(
    'mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }',
    { input: { uploadId: ticket.uploadId, ...(name === undefined ? {} : { name }) } },
  );
  return completeImageUpload.image.id;
}

async function uploadMask(client: GatewayClient, imageId: string, bytes: Buffer) {
  const { createMaskUpload: ticket } = await client.request<{ createMaskUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateMaskUploadInput!) { createMaskUpload(input: $input) { uploadId url } }',
    { input: { imageId, fileName: 'mask.png', sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await putToUrl(ticket.url, bytes)).ok).toBe(true);
  await client.request('mutation($input: CompleteMaskUploadInput!) { completeMaskUpload(input: $input) { id } }', { input: { uploadId: ticket.uploadId } });
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('dataset export writes only inside its folder, whatever names a shared dataset holds', () => {
  let platform: TestPlatform;
  let owner: { groupId: string; client: GatewayClient };
  let reader: { groupId: string; apiKey: string };
  let datasetId: string;
  let scratch: string;
  const escape = `../../../../escape-${process.pid}`;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    [owner, reader] = await Promise.all([platform.newGroup(), platform.newGroup()]);
    scratch = await mkdtemp(join(tmpdir(), 'microseg-traversal-'));
  });
  afterAll(async () => {
    await platform?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('refuses names that are paths when they are written, naming the field', async () => {
    const material = await refusal(
      owner.client.request('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
        input: { name: 'Escaping', material: '../../.ssh', classes: CLASSES },
      }),
    );
    expect(material.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(material.details)).toContain('material');

    datasetId = (
      await owner.client.request<{ createDataset: { id: string } }>('mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
        input: { name: 'Shared superalloy', material: 'super', classes: CLASSES },
      })
    ).createDataset.id;
    const png = await grayPng(16, 16, 1);
    for (const [name, problem] of [
      [escape, 'path separator'],
      ['..', 'dot segment'],
      ['a\\b', 'path separator'],
      ['C:evil', 'drive letter'],
      ['nul\u0000byte', 'control character'],
      ['x'.repeat(201), 'longer than'],
    ] as const) {
      const error = await refusal(upload(owner.client, datasetId, 'ok.png', png, name));
      expect(error.code, name).toBe('INVALID_INPUT');
      expect(JSON.stringify(error.details), name).toContain('name');
      expect(JSON.stringify(error.details), name).toContain(problem);
    }
    const fileName = await refusal(upload(owner.client, datasetId, '../../evil.png', png));
    expect(JSON.stringify(fileName.details)).toContain('fileName');
    const defaulted = await refusal(upload(owner.client, datasetId, '..png', png));
    expect(defaulted.details).toMatchObject({ problem: 'unsafe-name', field: 'fileName' });
  });

  it("lets another group's export of a shared dataset with old escaping rows write only inside its folder", async () => {
    const first = await upload(owner.client, datasetId, 'first.png', await grayPng(16, 16, 2), 'first');
    const second = await upload(owner.client, datasetId, 'second.png', await grayPng(16, 16, 3), 'second');
    await uploadMask(owner.client, first, await indexMaskPng(16, 16));
    // Rows stored before the server refused such names: written straight into PostgreSQL.
    const db = new pg.Client({ connectionString: platform.infrastructure.databaseUrl });
    await db.connect();
    try {
      await db.query('update dataset.datasets set material = $1 where id = $2', ['../../../material-escape', datasetId]);
      await db.query('update dataset.images set name = $1, file_name = $2 where id = $3', [escape, 'x.png/../../y', first]);
      await db.query('update dataset.images set name = $1 where id = $2', ['/etc/escape-absolute', second]);
    } finally {
      await db.end();
    }
    await owner.client.request('mutation($id: ID!, $input: UpdateDatasetInput!) { updateDataset(id: $id, input: $input) { id } }', {
      id: datasetId,
      input: { visibility: { level: 'shared', sharedWith: [reader.groupId] } },
    });

    const outer = join(scratch, 'a', 'b', 'c', 'd');
    const target = join(outer, 'export');
    const result = await microseg(platform.graphqlUrl, reader.apiKey, ['dataset', 'export', datasetId, target]);
    expect(result.code, result.stderr).toBe(0);
    const summary = result.json as { images: number; masks: number; warnings: string[] };
    expect(summary).toMatchObject({ images: 2, masks: 1 });
    expect(summary.warnings).toHaveLength(3);
    expect(result.stderr).toContain('warning: material "../../../material-escape" contains a path separator');
    // Everything under the scratch folder is inside the export folder, and nothing escaped.
    expect(await filesUnder(scratch)).toEqual(
      [
        'manifest.json',
        'images/.._.._.._material-escape/.._.._.._.._escape-' + String(process.pid) + '.png',
        'images/.._.._.._material-escape/_etc_escape-absolute.png',
        'masks/.._.._.._material-escape/.._.._.._.._escape-' + String(process.pid) + '.png',
      ]
        .map((path) => join('a', 'b', 'c', 'd', 'export', path))
        .sort(),
    );
    const manifest = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) as { images: Record<string, unknown>; materials: Record<string, unknown> };
    expect(Object.keys(manifest.materials)).toEqual(['.._.._.._material-escape']);
    expect(Object.keys(manifest.images).sort()).toEqual([`.._.._.._.._escape-${process.pid}`, '_etc_escape-absolute']);
  });

  it('keeps what is already there unless asked, and never writes through a symbolic link', async () => {
    const target = join(scratch, 'a', 'b', 'c', 'd', 'export');
    const again = await microseg(platform.graphqlUrl, reader.apiKey, ['dataset', 'export', datasetId, target]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('"code":"CONFLICT"');
    const replaced = await microseg(platform.graphqlUrl, reader.apiKey, ['dataset', 'export', datasetId, target, '--overwrite']);
    expect(replaced.code, replaced.stderr).toBe(0);

    // A folder of the layout planted as a link to elsewhere: refused, nothing written there.
    const elsewhere = join(scratch, 'elsewhere');
    const linked = join(scratch, 'linked');
    await mkdir(elsewhere);
    await mkdir(linked);
    await symlink(elsewhere, join(linked, 'images'));
    const throughLink = await microseg(platform.graphqlUrl, reader.apiKey, ['dataset', 'export', datasetId, linked]);
    expect(throughLink.code).not.toBe(0);
    expect(throughLink.stderr).toContain('is a symbolic link');
    expect(await readdir(elsewhere)).toEqual([]);

    // A file planted as a link in the place of the manifest: --overwrite replaces the link, not its target.
    const victim = join(scratch, 'victim.txt');
    await writeFile(victim, 'keep me');
    const planted = join(scratch, 'planted');
    await mkdir(planted);
    await symlink(victim, join(planted, 'manifest.json'));
    const refused = await microseg(platform.graphqlUrl, reader.apiKey, ['dataset', 'export', datasetId, planted]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('CONFLICT');
    const overwritten = await microseg(platform.graphqlUrl, reader.apiKey, ['dataset', 'export', datasetId, planted, '--overwrite']);
    expect(overwritten.code, overwritten.stderr).toBe(0);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });
});
