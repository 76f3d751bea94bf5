import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Principal, datasetContracts, inferenceContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { verifyWebhook } from '@microseg/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually, expectCode, imageMeasurements } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from './registry-stand-in.ts';
import { startLims } from './lims-receiver.ts';

interface ResultsImage {
  id: string;
  limsId: string;
  sha256: string;
  segmentations: { nodes: { id: string; modelVersionId: string; status: string; maskId: string; maskUrl: string | null; backend: string }[] };
  measurements: { nodes: { id: string; classRule: string | null; provenance: Record<string, unknown> & { parameters: unknown } }[] };
}

interface CliResults {
  image: { id: string; limsId: string };
  segmentations: { modelVersionId: string; maskUrl: string }[];
  measurements: { modelVersionId: string; kind: string; values: unknown }[];
}

interface Delivery {
  webhookId: string;
  event: string;
  state: string;
  limsId: string | null;
  imageId: string;
  attempts: { attempt: number; statusCode: number | null; error: string | null }[];
}

describe('pipeline: a new upload is segmented by the policy model and measured, with no manual step', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;
  let setup: TinyModelDataset;
  let principal: Principal;
  let datasetId: string;
  let versionId: string;
  let limsId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], {
      MICROSEG_TF_BACKEND: 'wasm',
      INFERENCE_ACK_WAIT_MS: '5000',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_RETRY_MAX_MS: '1000',
      // The LIMS of these tests listens on loopback, which webhooks may reach only when allowed.
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    });
    lab = await platform.newGroup();
    principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Pipeline superalloy' });
    ({ nc, versionId, datasetId } = setup);
  }, 120_000);
  afterAll(async () => {
    await setup?.stop();
    await platform?.stop();
  });

  const as = () => ({ headers: platform.infrastructure.principals.headers(principal), timeoutMs: 60_000 });

  it('refuses a policy naming a model the group may not use (NOT_FOUND)', async () => {
    await expectCode(request(nc, inferenceContracts.createPolicy, { datasetId, model: 'someone-elses-model', alias: 'production' }, as()), 'NOT_FOUND');
  });

  it('segments and measures an upload with a LIMS id through the policy, once per image and model version', async () => {
    const policy = await request(nc, inferenceContracts.createPolicy, { datasetId, model: 'tiny-unet', alias: 'production' }, as());
    expect(policy).toMatchObject({ datasetId, modelVersionId: versionId, paused: false });

    const file = join(tmpdir(), `pipeline-${randomUUID()}.png`);
    await writeFile(file, await grayPng(96, 80, 3));
    limsId = `LIMS-${randomUUID().slice(0, 8)}`;
    const uploaded = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId, '--lims-id', limsId]);
    const imageId = uploaded.image.id;
    const image = await request(nc, datasetContracts.findImageByLimsId, { limsId }, as());
    expect(image.id).toBe(imageId);

    const segmentation = await eventually(async () => {
      const { segmentations } = await request(nc, inferenceContracts.listSegmentations, { imageIds: [imageId] }, as());
      return segmentations[0];
    }, 'the segmentation of the upload', 90_000);
    expect(segmentation).toMatchObject({ imageId, modelVersionId: versionId, status: 'succeeded', backend: 'onnxruntime-cpu' });
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

    const { nodes: runs } = await request(nc, inferenceContracts.listRuns, { datasetId }, as());
    expect(runs.find((run) => run.trigger === 'upload')).toMatchObject({ state: 'succeeded', total: 1, segmented: 1, failed: 0 });
  }, 180_000);

  it('answers the results of a LIMS sample through GraphQL, with provenance, and through the CLI', async () => {
    const { imageByLimsId: image } = await lab.client.request<{ imageByLimsId: ResultsImage }>(
      `query($limsId: ID!) { imageByLimsId(limsId: $limsId) {
        id limsId sha256
        segmentations(filter: { modelVersionId: "${versionId}" }) { nodes { id modelVersionId status maskId maskUrl backend codeVersion } }
        measurements(source: MODEL) { nodes { id maskId modelVersionId status classRule provenance {
          imageId imageSha256 limsId maskId maskSha256 source profileHash codeVersion measuredAt parameters
          modelVersion { id modelName number classRule sixteenBitInput trainingData { datasetId datasetVersionId contentHash experiment } }
          segmentation { id backend }
        } } }
      } }`,
      { limsId },
    );
    expect(image.limsId).toBe(limsId);
    const [segmentation] = image.segmentations.nodes;
    expect(segmentation).toMatchObject({ modelVersionId: versionId, status: 'succeeded', backend: 'onnxruntime-cpu' });
    expect(segmentation!.maskUrl).toMatch(/^http/);
    expect((await fetch(segmentation!.maskUrl!)).status).toBe(200);
    const [set] = image.measurements.nodes;
    expect(set!.provenance).toMatchObject({
      imageId: image.id,
      imageSha256: image.sha256,
      limsId,
      maskId: segmentation!.maskId,
      source: 'model',
      modelVersion: { id: versionId, modelName: 'tiny-unet', number: 1, classRule: 'argmax', sixteenBitInput: 'full_range', trainingData: { experiment: 'Super1' } },
      segmentation: { id: segmentation!.id, backend: 'onnxruntime-cpu' },
    });
    // The rule that turned the version's probabilities into the measured mask.
    expect(set!.classRule).toBe('argmax');
    expect(set!.provenance.parameters).toHaveProperty('classes');

    const { data } = await lab.client.request<{ data: { nodes: { imageId: string }[]; pageInfo: { hasNextPage: boolean } } }>(
      'query($id: ID!) { data: datasetSegmentations(datasetId: $id, first: 10) { nodes { imageId } pageInfo { hasNextPage } } }',
      { id: datasetId },
    );
    expect(data.nodes.map((n) => n.imageId)).toContain(image.id);

    const printed = await microsegJson<CliResults>(platform.graphqlUrl, lab.apiKey, ['results', '--lims-id', limsId]);
    expect(printed.image).toEqual({ id: image.id, limsId });
    expect(printed.segmentations).toEqual([expect.objectContaining({ modelVersionId: versionId, maskUrl: expect.stringMatching(/^http/) })]);
    expect(printed.measurements.map((m) => m.kind)).toContain('particles');
    expect(printed.measurements.every((m) => m.modelVersionId === versionId && m.values !== undefined)).toBe(true);

    const status = await microsegJson<{ runs: { trigger: string; state: string }[] }>(platform.graphqlUrl, lab.apiKey, ['pipeline', 'status']);
    expect(status.runs).toContainEqual(expect.objectContaining({ trigger: 'upload', state: 'succeeded' }));
  }, 60_000);

  it('pushes measurement.completed to LIMS webhooks, signed, retried with backoff, dead-lettered, never holding up the pipeline', async () => {
    const lims = await startLims();
    try {
      const hooks: Record<string, { id: string; secret: string }> = {};
      for (const name of ['flaky', 'broken', 'hanging'] as const) {
        const { createWebhook } = await lab.client.request<{ createWebhook: { webhook: { id: string }; secret: string } }>(
          'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id events } secret } }',
          { input: { url: `${lims.url}/${name}`, events: ['measurement_completed'] } },
        );
        hooks[name] = { id: createWebhook.webhook.id, secret: createWebhook.secret };
      }
      const file = join(tmpdir(), `pipeline-${randomUUID()}.png`);
      await writeFile(file, await grayPng(72, 64, 5));
      const sampleId = `LIMS-${randomUUID().slice(0, 8)}`;
      const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId, '--lims-id', sampleId]);
      await eventually(async () => {
        const sets = await imageMeasurements(lab.client, image.id, { source: 'model', modelVersionId: versionId });
        return sets.length > 0 ? sets : undefined;
      }, 'the measurement of the new upload', 60_000);

      const deliveries = await eventually(async () => {
        const { webhookDeliveries } = await lab.client.request<{ webhookDeliveries: { nodes: Delivery[] } }>(
          '{ webhookDeliveries(first: 20) { nodes { webhookId event state limsId imageId attempts { attempt statusCode error } } } }',
        );
        const mine = webhookDeliveries.nodes.filter((d) => d.imageId === image.id);
        return mine.length === 3 && mine.every((d) => d.state !== 'pending') ? mine : undefined;
      }, 'every delivery finished', 60_000);
      const of = (name: string) => deliveries.find((d) => d.webhookId === hooks[name]!.id)!;
      expect(of('flaky')).toMatchObject({ state: 'delivered', event: 'measurement_completed', limsId: sampleId });
      expect(of('flaky').attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
      expect(of('broken')).toMatchObject({ state: 'dead' });
      expect(of('broken').attempts.map((a) => a.statusCode)).toEqual([500, 500, 500]);
      expect(of('hanging')).toMatchObject({ state: 'dead' });
      expect(of('hanging').attempts.every((a) => a.statusCode === null && /no answer/.test(a.error ?? ''))).toBe(true);

      const received = lims.received.filter((r) => r.path === '/flaky');
      expect(received).toHaveLength(3);
      for (const request of received) {
        expect(verifyWebhook(hooks.flaky!.secret, request.body, request.signature, Math.floor(Date.now() / 1000))).toEqual({ valid: true });
        expect(verifyWebhook(hooks.broken!.secret, request.body, request.signature, Math.floor(Date.now() / 1000))).toMatchObject({ valid: false });
      }
      expect(JSON.parse(received[2]!.body)).toMatchObject({ event: 'measurement.completed', limsId: sampleId, imageId: image.id, data: { imageId: image.id, modelVersionId: versionId } });
      // Retries were spaced out by the backoff, not fired back to back.
      expect(received[2]!.at - received[0]!.at).toBeGreaterThanOrEqual(300);
    } finally {
      await lims.close();
    }
  }, 150_000);

  it('pauses a policy: uploads go unsegmented until a batch run covers them', async () => {
    const [policy] = (await request(nc, inferenceContracts.listPolicies, { datasetId }, as())).policies;
    await request(nc, inferenceContracts.setPolicyPaused, { id: policy!.id, paused: true }, as());
    const file = join(tmpdir(), `pipeline-${randomUUID()}.png`);
    await writeFile(file, await grayPng(64, 64, 9));
    const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await request(nc, inferenceContracts.listSegmentations, { imageIds: [image.id] }, as())).segmentations).toEqual([]);

    const run = await request(nc, inferenceContracts.runPolicy, { id: policy!.id }, as());
    // The dataset holds three images now: two uploads through the policy and this one.
    expect(run).toMatchObject({ trigger: 'batch', total: 3 });
    const done = await eventually(async () => {
      const current = await request(nc, inferenceContracts.getRun, { id: run.id }, as());
      return current.state === 'running' ? undefined : current;
    }, 'the batch run', 90_000);
    expect(done).toMatchObject({ state: 'succeeded', segmented: 3, failed: 0 });
  }, 180_000);

  it("pages through a dataset's measurements, newest first, with filters", async () => {
    const page = (after?: string) =>
      lab.client.request<{ data: { nodes: { id: string; imageId: string; source: string; status: string; particles: unknown[] }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
        `query($id: ID!, $after: String) { data: datasetMeasurements(datasetId: $id, source: MODEL, status: SUCCEEDED, first: 2, after: $after) {
          nodes { id imageId source status particles { class count } } pageInfo { endCursor hasNextPage } } }`,
        { id: datasetId, ...(after ? { after } : {}) },
      );
    // The three images of the dataset, each measured once the batch run's masks are in.
    await eventually(async () => {
      const first = await page();
      const second = first.data.pageInfo.hasNextPage ? await page(first.data.pageInfo.endCursor!) : undefined;
      return (second?.data.nodes.length ?? 0) >= 1 ? true : undefined;
    }, 'three measured images', 60_000);
    const first = await page();
    const second = await page(first.data.pageInfo.endCursor!);
    expect(first.data.nodes).toHaveLength(2);
    expect(first.data.pageInfo.hasNextPage).toBe(true);
    expect(second.data.nodes).toHaveLength(1);
    expect(second.data.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.data.nodes, ...second.data.nodes];
    expect(new Set(nodes.map((n) => n.imageId)).size).toBe(3);
    expect(nodes.every((n) => n.source === 'model' && n.status === 'succeeded' && n.particles.length > 0)).toBe(true);
    const { data: manual } = await lab.client.request<{ data: { nodes: unknown[] } }>(
      'query($id: ID!) { data: datasetMeasurements(datasetId: $id, source: GROUND_TRUTH) { nodes { id } } }',
      { id: datasetId },
    );
    expect(manual.nodes).toEqual([]);
  }, 90_000);
});
