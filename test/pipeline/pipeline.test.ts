import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, datasetContracts, inferenceContracts, principalHeaders } from '@microseg/contracts';
import { connectNats, request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually, expectCode, imageMeasurements } from '../metrology/metrology-platform.ts';
import { CLASSES, saveTinyModel, serveRegistry } from './registry-stand-in.ts';

describe('pipeline: a new upload is segmented by the policy model and measured, with no manual step', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;
  let registry: ReturnType<typeof serveRegistry>;
  let principal: Principal;
  let datasetId: string;
  let versionId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], {
      MICROSEG_TF_BACKEND: 'wasm',
      INFERENCE_ACK_WAIT_MS: '5000',
    });
    lab = await platform.newGroup();
    principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    nc = await connectNats({ url: platform.infrastructure.natsUrl, name: 'pipeline-test' });
    const { s3 } = platform.infrastructure;
    const artifact = { bucket: 'pipeline-test-models', prefix: `tiny/${randomUUID()}` };
    await saveTinyModel(s3, artifact.bucket, artifact.prefix);
    registry = serveRegistry(nc, lab.groupId, artifact);
    versionId = registry.addVersion(1).id;
    registry.setAlias('production', versionId);
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'Pipeline superalloy', material: 'super', classes: CLASSES } },
    );
    datasetId = createDataset.id;
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    await nc?.drain();
    await platform?.stop();
  });

  const as = () => ({ headers: principalHeaders(principal), timeoutMs: 60_000 });

  it('refuses a policy naming a model the group may not use (NOT_FOUND)', async () => {
    await expectCode(request(nc, inferenceContracts.createPolicy, { datasetId, model: 'someone-elses-model', alias: 'production' }, as()), 'NOT_FOUND');
  });

  it('segments and measures an upload with a LIMS id through the policy, once per image and model version', async () => {
    const policy = await request(nc, inferenceContracts.createPolicy, { datasetId, model: 'tiny-unet', alias: 'production' }, as());
    expect(policy).toMatchObject({ datasetId, modelVersionId: versionId, paused: false });

    const file = join(tmpdir(), `pipeline-${randomUUID()}.png`);
    await writeFile(file, await grayPng(96, 80, 3));
    const limsId = `LIMS-${randomUUID().slice(0, 8)}`;
    const uploaded = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId, '--lims-id', limsId]);
    const imageId = uploaded.image.id;
    const image = await request(nc, datasetContracts.findImageByLimsId, { limsId }, as());
    expect(image.id).toBe(imageId);

    const segmentation = await eventually(async () => {
      const { segmentations } = await request(nc, inferenceContracts.listSegmentations, { imageIds: [imageId] }, as());
      return segmentations[0];
    }, 'the segmentation of the upload', 90_000);
    expect(segmentation).toMatchObject({ imageId, modelVersionId: versionId, status: 'succeeded', backend: 'wasm' });
    expect(segmentation.tiles).toBeGreaterThan(0);

    const [set] = await eventually(async () => {
      const sets = await imageMeasurements(lab.client, imageId, { source: 'model', modelVersionId: versionId });
      return sets.length > 0 ? sets : undefined;
    }, 'the measurement of the model mask', 60_000);
    expect(set).toMatchObject({ imageId, maskId: segmentation.maskId, source: 'model', modelVersionId: versionId, status: 'succeeded' });

    // A second request for the same pair (as a redelivered job would) answers the same segmentation, no second mask.
    const again = await request(nc, inferenceContracts.segmentImage, { imageId, model: { versionId } }, as());
    expect(again.id).toBe(segmentation.id);
    const { masks } = await request(nc, datasetContracts.listMasks, { imageIds: [imageId] }, as());
    expect(masks.filter((m) => m.source === 'model')).toHaveLength(1);

    const { runs } = await request(nc, inferenceContracts.listRuns, { datasetId }, as());
    expect(runs.find((run) => run.trigger === 'upload')).toMatchObject({ state: 'succeeded', total: 1, segmented: 1, failed: 0 });
  }, 180_000);

  it('pauses a policy: uploads go unsegmented until a batch run covers them', async () => {
    const [policy] = (await request(nc, inferenceContracts.listPolicies, { datasetId }, as())).policies;
    await request(nc, inferenceContracts.setPolicyPaused, { id: policy!.id, paused: true }, as());
    const file = join(tmpdir(), `pipeline-${randomUUID()}.png`);
    await writeFile(file, await grayPng(64, 64, 9));
    const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await request(nc, inferenceContracts.listSegmentations, { imageIds: [image.id] }, as())).segmentations).toEqual([]);

    const run = await request(nc, inferenceContracts.runPolicy, { id: policy!.id }, as());
    expect(run).toMatchObject({ trigger: 'batch', total: 2 });
    const done = await eventually(async () => {
      const current = await request(nc, inferenceContracts.getRun, { id: run.id }, as());
      return current.state === 'running' ? undefined : current;
    }, 'the batch run', 90_000);
    expect(done).toMatchObject({ state: 'succeeded', segmented: 2, failed: 0 });
  }, 180_000);
});
