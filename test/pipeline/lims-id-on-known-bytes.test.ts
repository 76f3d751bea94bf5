import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';

const run = promisify(execFile);

interface Uploaded {
  image: { id: string; limsId: string | null };
  deduplicated: boolean;
}

/**
 * Issue 16, defect 2: bytes the dataset already holds, uploaded with a LIMS id, never lose the id.
 * An image without one gets it, and the pipeline runs for it as for a new LIMS-tagged upload;
 * an image with another one is a CONFLICT naming both.
 */
describe('uploading bytes the dataset already holds with a LIMS id', () => {
  let platform: TestPlatform;
  let setup: TinyModelDataset | undefined;
  let scratch: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], { MICROSEG_TF_BACKEND: 'wasm' });
    scratch = await mkdtemp(join(tmpdir(), 'microseg-lims-dedupe-'));
  }, 180_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('attaches the id to the image, starts its pipeline run, and refuses a second id with CONFLICT', async () => {
    const lab = await platform.newGroup();
    setup = await setUpTinyModelDataset(platform, lab, { name: 'LIMS dedupe' });
    const { datasetId } = setup;
    const cli = <T>(...args: string[]) => microsegJson<T>(platform.graphqlUrl, lab.apiKey, args);
    const file = join(scratch, 'sample.png');
    await writeFile(file, await grayPng(48, 40, 7));

    // First without a LIMS id, before any policy: nothing runs for it.
    const first = await cli<Uploaded>('image', 'upload', file, '--dataset', datasetId);
    expect(first.image.limsId).toBeNull();
    await lab.client.request('mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }', {
      input: { datasetId, model: 'tiny-unet', alias: 'production' },
    });

    const again = await cli<Uploaded>('image', 'upload', file, '--dataset', datasetId, '--lims-id', 'S-1');
    expect(again).toEqual({ image: expect.objectContaining({ id: first.image.id, limsId: 'S-1' }) as unknown, deduplicated: true, mask: null });
    const results = await eventually(async () => {
      const printed = await cli<{ image: { id: string; limsId: string }; segmentations: { modelVersionId: string }[] }>('results', '--lims-id', 'S-1');
      return printed.segmentations.length > 0 ? printed : undefined;
    }, 'the pipeline run of the attached LIMS id', 180_000);
    expect(results.image).toEqual({ id: first.image.id, limsId: 'S-1' });
    expect(results.segmentations).toEqual([expect.objectContaining({ modelVersionId: setup.versionId })]);

    // The same id again is the same answer; another id is refused, naming both.
    expect((await cli<Uploaded>('image', 'upload', file, '--dataset', datasetId, '--lims-id', 'S-1')).image.limsId).toBe('S-1');
    const refused = await run(process.execPath, [
      join(import.meta.dirname, '..', '..', 'libs', 'cli', 'src', 'bin', 'microseg.js'),
      '--url', platform.graphqlUrl, '--api-key', lab.apiKey, 'image', 'upload', file, '--dataset', datasetId, '--lims-id', 'S-2', '--json',
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    const { error } = JSON.parse(refused!.stderr) as { error: { code: string; details: Record<string, unknown> } };
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ imageId: first.image.id, limsId: 'S-1', requestedLimsId: 'S-2' });
    const { imageByLimsId } = await lab.client.request<{ imageByLimsId: { id: string } }>('query { imageByLimsId(limsId: "S-1") { id } }');
    expect(imageByLimsId.id).toBe(first.image.id);
  });
});
