import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { saveArtifact } from '@microseg/model-artifact';
import { exportPackage, readZip, writeZip } from '@microseg/model-package';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { initializers, layers, sequential } from '@tensorflow/tfjs-layers';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { superalloyModelDescription } from '../fixtures/superalloy-model.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js');
const BENCHMARK = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'micronet-benchmark', 'images', 'super', 'spot1_0d_0.png');

const description = superalloyModelDescription({ name: 'lab-superalloy', metrics: { valIou: 0.61 } });

/** A small seeded fully convolutional network: the model a partner lab publishes as a package. */
function partnerModel() {
  const model = sequential();
  model.add(layers.conv2d({ inputShape: [null, null, 3], filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 3 }) }));
  model.add(layers.conv2d({ filters: 3, kernelSize: 1, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 4 }), biasInitializer: initializers.randomNormal({ seed: 5 }) }));
  return model;
}

/** Runs the CLI expecting failure; gives the error it printed with --json. */
async function cliError(apiKey: string, url: string, args: string[]): Promise<{ code: string; details: Record<string, unknown> }> {
  const failed = await run(process.execPath, [CLI, '--url', url, '--api-key', apiKey, ...args, '--json']).then(
    () => undefined,
    (error: { stderr: string }) => error,
  );
  expect(failed, 'the command should fail').toBeDefined();
  return (JSON.parse(failed!.stderr.trim().split('\n').pop()!) as { error: { code: string; details: Record<string, unknown> } }).error;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Imported {
  id: string;
  modelName: string;
  number: number;
  architecture: string;
}

describe('models that travel: bioimage.io packages through CLI -> gateway -> training service', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let outsider: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let dir: string;
  let partnerArtifact: string;
  let partnerZip: string;
  let first: Imported;

  const cli = <T>(args: string[]) => microsegJson<T>(platform.graphqlUrl, lab.apiKey, args);

  beforeAll(async () => {
    if (!existsSync(BENCHMARK)) throw new Error(`the MicroNet benchmark image ${BENCHMARK} is missing (../shared/data)`);
    await setBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'model-packages-'));
    partnerArtifact = join(dir, 'partner-artifact');
    await saveArtifact(partnerModel(), description, partnerArtifact);
    partnerZip = join(dir, 'partner.zip');
    await writeFile(partnerZip, (await exportPackage(partnerArtifact, { authors: [{ name: 'Partner lab' }] })).zip);
    platform = await startTestPlatform(['identity', 'training'], { TRAINING_LOCAL_WORKERS: '0' });
    [lab, outsider] = [await platform.newGroup(), await platform.newGroup()];
  });
  afterAll(async () => {
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports a package, exports it again, re-imports it, and the alias download segments a benchmark image with the same masks', async () => {
    first = await cli<Imported>(['models', 'import', '--format', 'bioimageio', partnerZip, '--name', 'superalloy']);
    expect(first).toMatchObject({ modelName: 'superalloy', number: 1, architecture: 'unet' });

    const exported = join(dir, 'exported.zip');
    const out = await cli<{ sha256: string; format: string }>(['models', 'export', '--format', 'bioimageio', first.id, '--out', exported]);
    expect(out.format).toBe('bioimageio');
    const files = readZip(new Uint8Array(await readFile(exported)));
    expect([...files.keys()].sort()).toEqual(['README.md', 'cover.png', 'model.onnx', 'rdf.yaml', 'test-input.npy', 'test-output.npy']);
    expect(new TextDecoder().decode(files.get('rdf.yaml'))).toContain('10.1038/s41524-022-00878-5');
    // Built once, then served from the cache: the same bytes.
    const again = await cli<{ sha256: string }>(['models', 'export', first.id, '--out', join(dir, 'again.zip')]);
    expect(again.sha256).toBe(out.sha256);

    const second = await cli<Imported>(['models', 'import', exported, '--name', 'superalloy']);
    expect(second).toMatchObject({ modelName: 'superalloy', number: 2 });
    await cli(['models', 'alias', 'set', 'superalloy', 'production', second.id]);
    const downloaded = await cli<{ file: string; versionId: string }>(['models', 'download', 'superalloy@production', '--out', join(dir, 'production.tar.gz')]);
    expect(downloaded.versionId).toBe(second.id);

    const masks = [];
    for (const [name, model] of [['partner', partnerArtifact], ['production', downloaded.file]] as const) {
      const result = await cli<{ engine: string; images: { mask: string }[] }>(['predict', BENCHMARK, '--model', model, '--out', join(dir, name)]);
      expect(result.engine).toBe('onnx');
      masks.push(await sharp(result.images[0]!.mask).raw().toBuffer());
    }
    expect(masks[1]!.equals(masks[0]!)).toBe(true);
    expect(new Set(masks[0]).size).toBeGreaterThan(1);
  });

  it('refuses a tampered package with a typed error and registers nothing', async () => {
    const files = Object.fromEntries(readZip(new Uint8Array(await readFile(partnerZip))));
    const onnx = files['model.onnx']!.slice();
    onnx[onnx.length - 1]! ^= 1;
    const tampered = join(dir, 'tampered.zip');
    await writeFile(tampered, writeZip({ ...files, 'model.onnx': onnx }));
    const error = await cliError(lab.apiKey, platform.graphqlUrl, ['models', 'import', tampered, '--name', 'tampered']);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'checksum-mismatch', file: 'model.onnx' } });
    const { models } = await lab.client.request<{ models: { nodes: { name: string }[] } }>('{ models { nodes { name } } }');
    expect(models.nodes.map((m) => m.name)).toEqual(['superalloy']);
  });

  it('gives download links to the group that can read the version, and NOT_FOUND to another group', async () => {
    const query = 'query($id: ID!) { modelVersion(id: $id) { download(format: ONNX) { url sha256 sizeBytes fileName } } }';
    const { modelVersion } = await lab.client.request<{ modelVersion: { download: { url: string; sha256: string; sizeBytes: number; fileName: string } } }>(query, { id: first.id });
    const bytes = new Uint8Array(await (await fetch(modelVersion.download.url)).arrayBuffer());
    expect(sha256(bytes)).toBe(modelVersion.download.sha256);
    expect(bytes.byteLength).toBe(modelVersion.download.sizeBytes);
    expect(modelVersion.download.fileName).toBe('superalloy-v1.onnx');
    expect(await outsider.client.request(query, { id: first.id })).toEqual({ modelVersion: null });
    const bioimageio = 'query($id: ID!) { modelVersion(id: $id) { download(format: BIOIMAGEIO) { url } } }';
    expect(await outsider.client.request(bioimageio, { id: first.id })).toEqual({ modelVersion: null });
  });
});
