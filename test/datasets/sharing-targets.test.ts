import { randomUUID } from 'node:crypto';
import type { GatewayClient } from '@microseg/cli';
import { MicroSegError } from '@microseg/errors';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

const CLASSES = [{ index: 0, name: 'matrix', color: '#000000' }];
const CREATE_DATASET = 'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id visibility { level sharedWith } } }';
const UPDATE_DATASET = 'mutation($id: ID!, $input: UpdateDatasetInput!) { updateDataset(id: $id, input: $input) { visibility { level sharedWith } } }';

async function refusal(call: Promise<unknown>): Promise<MicroSegError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

describe('sharing names existing groups only', () => {
  let platform: TestPlatform;
  let lab: { groupId: string; client: GatewayClient };
  let partner: { groupId: string };
  const nobody = randomUUID();

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'training'], { TRAINING_LOCAL_WORKERS: '0' });
    [lab, partner] = await Promise.all([platform.newGroup(), platform.newGroup()]);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses a dataset shared with a group that does not exist, naming it, and keeps the share as it was', async () => {
    const created = await refusal(
      lab.client.request(CREATE_DATASET, { input: { name: 'Never', classes: CLASSES, visibility: { level: 'shared', sharedWith: [nobody] } } }),
    );
    expect(created.code).toBe('INVALID_INPUT');
    expect(created.details).toMatchObject({ problem: 'unknown-groups', field: 'visibility.sharedWith', groupIds: [nobody] });
    expect(created.message).toContain(nobody);

    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(CREATE_DATASET, {
      input: { name: 'Shared', classes: CLASSES, visibility: { level: 'shared', sharedWith: [partner.groupId] } },
    });
    const updated = await refusal(
      lab.client.request(UPDATE_DATASET, { id: createDataset.id, input: { visibility: { level: 'shared', sharedWith: [partner.groupId, nobody] } } }),
    );
    expect(updated.details).toMatchObject({ problem: 'unknown-groups', groupIds: [nobody] });
    const { dataset } = await lab.client.request<{ dataset: { visibility: { sharedWith: string[] } } }>('query($id: ID!) { dataset(id: $id) { visibility { sharedWith } } }', {
      id: createDataset.id,
    });
    expect(dataset.visibility.sharedWith).toEqual([partner.groupId]);
  });

  it('refuses a model version or imported weights shared with a group that does not exist', async () => {
    // A registered version of the lab, written as the training service records one.
    const db = new pg.Client({ connectionString: platform.infrastructure.databaseUrl });
    await db.connect();
    let versionId: string;
    try {
      const model = await db.query<{ id: string }>(
        `insert into training.models (group_id, name, task, classes, material, card) values ($1, 'Superalloy', 'segmentation', '[]', 'super', '{}') returning id`,
        [lab.groupId],
      );
      const version = await db.query<{ id: string }>(
        `insert into training.model_versions (model_id, group_id, number, architecture, encoder, classes, "binary", material, metrics, val_iou, config,
           dataset_id, dataset_version_id, dataset_hash, experiment, parent, code_version, seed, duration_seconds, worker_kind, artifact_bucket, artifact_prefix)
         values ($1, $2, 1, 'unet', 'resnet18', '[]', false, 'super', '{}', 0.5, '{}', $3, $3, 'x', 'Super1', '{}', 'dev', 1, 1, 'cpu', 'b', 'p') returning id`,
        [model.rows[0]?.id, lab.groupId, randomUUID()],
      );
      versionId = version.rows[0]?.id ?? '';
      const shared = await refusal(
        lab.client.request('mutation($id: ID!, $visibility: VisibilityInput!) { shareModelVersion(id: $id, visibility: $visibility) { id } }', {
          id: versionId,
          visibility: { level: 'shared', sharedWith: [nobody] },
        }),
      );
      expect(shared.code).toBe('INVALID_INPUT');
      expect(shared.details).toMatchObject({ problem: 'unknown-groups', groupIds: [nobody] });
      const { rows } = await db.query<{ visibility_level: string }>('select visibility_level from training.model_versions where id = $1', [versionId]);
      expect(rows[0]?.visibility_level).toBe('private');
    } finally {
      await db.end();
    }

    const weights = await refusal(
      lab.client.request('mutation($input: ImportWeightsInput!) { importWeights(input: $input) { id } }', {
        input: { uploadId: randomUUID(), visibility: { level: 'shared', sharedWith: [nobody] } },
      }),
    );
    expect(weights.details).toMatchObject({ problem: 'unknown-groups', groupIds: [nobody] });
  });
});
