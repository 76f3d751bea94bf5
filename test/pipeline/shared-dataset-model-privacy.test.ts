import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayClient } from '@microseg/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually, imageMeasurements } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';

/** Every place a shared dataset's reader meets the id of the model version behind a mask. */
const SHARED_READ = `query($datasetId: ID!, $imageId: ID!) {
  datasetSegmentations(datasetId: $datasetId) { nodes { id modelVersionId status } }
  datasetMeasurements(datasetId: $datasetId, source: MODEL) { nodes { id modelVersionId } }
  datasetMeasurementSummary(datasetId: $datasetId, source: MODEL) { sources { source modelVersionId } }
  image(id: $imageId) {
    masks { source modelVersionId }
    segmentations { nodes { modelVersionId status } }
    measurements(source: MODEL) { nodes { modelVersionId provenance { modelVersion { id } segmentation { modelVersionId } } } }
  }
}`;

interface SharedRead {
  datasetSegmentations: { nodes: { id: string; modelVersionId: string | null; status: string }[] };
  datasetMeasurements: { nodes: { id: string; modelVersionId: string | null }[] };
  datasetMeasurementSummary: { sources: { source: string; modelVersionId: string | null }[] };
  image: {
    masks: { source: string; modelVersionId: string | null }[];
    segmentations: { nodes: { modelVersionId: string | null; status: string }[] };
    measurements: { nodes: { modelVersionId: string | null; provenance: { modelVersion: { id: string } | null; segmentation: { modelVersionId: string | null } | null } }[] };
  };
}

/** The measurement export of a dataset (CSV or JSON, from its presigned URL on the loopback S3 server). */
async function exported(client: GatewayClient, datasetId: string, format: 'csv' | 'json'): Promise<string> {
  const { exportDatasetMeasurements } = await client.request<{ exportDatasetMeasurements: { url: string; rowCount: number } }>(
    'query($id: ID!, $format: MeasurementExportFormat!) { exportDatasetMeasurements(datasetId: $id, source: MODEL, format: $format) { url rowCount } }',
    { id: datasetId, format },
  );
  expect(exportDatasetMeasurements.rowCount).toBeGreaterThan(0);
  const response = await fetch(exportDatasetMeasurements.url);
  expect(response.status).toBe(200);
  return response.text();
}

describe("a dataset shared with another group does not show the owner's private model versions", () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let partner: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let setup: TinyModelDataset;
  let imageId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], { MICROSEG_TF_BACKEND: 'wasm', INFERENCE_ACK_WAIT_MS: '5000' });
    lab = await platform.newGroup();
    partner = await platform.newGroup();
    // tiny-unet's version is private to the lab: the registry answers NOT_FOUND to any other group.
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Shared superalloy' });
    await lab.client.request('mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }', {
      input: { datasetId: setup.datasetId, model: 'tiny-unet', alias: 'production' },
    });
    const file = join(tmpdir(), `shared-privacy-${randomUUID()}.png`);
    await writeFile(file, await grayPng(80, 64, 17));
    ({ image: { id: imageId } } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', setup.datasetId]));
    await eventually(async () => {
      const sets = await imageMeasurements(lab.client, imageId, { source: 'model', modelVersionId: setup.versionId });
      return sets.some((s) => s.status === 'succeeded') ? true : undefined;
    }, 'the measurement of the model mask', 120_000);
    await lab.client.request('mutation($id: ID!, $input: UpdateDatasetInput!) { updateDataset(id: $id, input: $input) { id } }', {
      id: setup.datasetId,
      input: { visibility: { level: 'shared', sharedWith: [partner.groupId] } },
    });
  }, 240_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
  });

  it('shows the owner its model version on segmentations, masks, measurements and provenance', async () => {
    const read = await lab.client.request<SharedRead>(SHARED_READ, { datasetId: setup.datasetId, imageId });
    expect(read.datasetSegmentations.nodes).toEqual([expect.objectContaining({ modelVersionId: setup.versionId, status: 'succeeded' })]);
    expect(read.datasetMeasurements.nodes).toEqual([expect.objectContaining({ modelVersionId: setup.versionId })]);
    expect(read.datasetMeasurementSummary.sources).toContainEqual({ source: 'model', modelVersionId: setup.versionId });
    expect(read.image.masks).toContainEqual({ source: 'model', modelVersionId: setup.versionId });
    expect(read.image.segmentations.nodes).toEqual([{ modelVersionId: setup.versionId, status: 'succeeded' }]);
    expect(read.image.measurements.nodes).toEqual([{ modelVersionId: setup.versionId, provenance: { modelVersion: { id: setup.versionId }, segmentation: { modelVersionId: setup.versionId } } }]);
    expect(await exported(lab.client, setup.datasetId, 'csv')).toContain(setup.versionId);
    expect(JSON.parse(await exported(lab.client, setup.datasetId, 'json'))).toMatchObject({ measurements: [{ modelVersionId: setup.versionId }] });
  }, 60_000);

  it('answers null, never the id, to the group the dataset is shared with', async () => {
    const read = await partner.client.request<SharedRead>(SHARED_READ, { datasetId: setup.datasetId, imageId });
    // The shared results themselves stay readable: only the private version's id is withheld.
    expect(read.datasetSegmentations.nodes).toEqual([expect.objectContaining({ modelVersionId: null, status: 'succeeded' })]);
    expect(read.datasetMeasurements.nodes).toEqual([expect.objectContaining({ modelVersionId: null })]);
    expect(read.datasetMeasurementSummary.sources).toContainEqual({ source: 'model', modelVersionId: null });
    expect(read.image.masks).toContainEqual({ source: 'model', modelVersionId: null });
    expect(read.image.segmentations.nodes).toEqual([{ modelVersionId: null, status: 'succeeded' }]);
    expect(read.image.measurements.nodes).toEqual([{ modelVersionId: null, provenance: { modelVersion: null, segmentation: { modelVersionId: null } } }]);
    expect(JSON.stringify(read)).not.toContain(setup.versionId);
  }, 60_000);

  it('leaves the id out of the measurement exports the partner makes', async () => {
    const csv = await exported(partner.client, setup.datasetId, 'csv');
    expect(csv.split('\n')[0]).toContain('model_version_id');
    expect(csv).not.toContain(setup.versionId);
    const json = await exported(partner.client, setup.datasetId, 'json');
    expect(JSON.parse(json)).toMatchObject({ measurements: [{ source: 'model', modelVersionId: null }] });
    expect(json).not.toContain(setup.versionId);
  }, 60_000);
});
