import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_STREAM, trainingEvents } from '@microseg/contracts';
import { publishEvent } from '@microseg/messaging';
import { decodeIndexMask, evaluateSegmentation } from '@microseg/metrology';
import { type Client, createClient } from 'graphql-ws/client';
import type { NatsConnection } from 'nats';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng, indexMaskPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually, expectCode, imageMeasurements } from '../metrology/metrology-platform.ts';
import { CLASSES, type TinyModelDataset, saveTinyModel, setUpTinyModelDataset } from './registry-stand-in.ts';

interface MeasurementCompleted {
  measurementId: string;
  datasetId: string;
  imageId: string;
  limsId: string | null;
  maskId: string;
  source: 'GROUND_TRUTH' | 'MODEL';
  modelVersionId: string | null;
  status: string;
  kinds: string[];
  measurementSet: { id: string; particles: { class: number; count: number }[] } | null;
}

interface Evaluation {
  modelMaskId: string;
  modelVersionId: string | null;
  truthMaskId: string;
  classes: { class: number; iou: number; precision: number; recall: number }[];
  meanIoU: number | null;
  accuracyMapUrl: string;
}

interface EvaluatedImage {
  id: string;
  masks: { id: string; source: string; indexUrl: string }[];
  evaluations: Evaluation[];
  segmentations: { maskId: string | null; maskUrl: string | null; evaluation: Evaluation | null }[];
}

const EVALUATION_FIELDS = 'modelMaskId modelVersionId truthMaskId classes { class iou precision recall } meanIoU accuracyMapUrl';
const EVALUATED_IMAGE = `query($limsId: ID!) { imageByLimsId(limsId: $limsId) {
  id masks { id source indexUrl }
  evaluations { ${EVALUATION_FIELDS} }
  segmentations { nodes { maskId maskUrl evaluation { ${EVALUATION_FIELDS} } } }
} }`;

/** The image with its segmentations as a list (the API pages them). */
const evaluatedImage = async (client: TestPlatform['anonymous'], limsId: string): Promise<EvaluatedImage> => {
  const { imageByLimsId } = await client.request<{ imageByLimsId: Omit<EvaluatedImage, 'segmentations'> & { segmentations: { nodes: EvaluatedImage['segmentations'] } } }>(EVALUATED_IMAGE, { limsId });
  return { ...imageByLimsId, segmentations: imageByLimsId.segmentations.nodes };
};

const download = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
};

const MEASUREMENT_COMPLETED = `subscription($datasetId: ID!) { measurementCompleted(datasetId: $datasetId) {
  measurementId datasetId imageId limsId maskId source modelVersionId status kinds
  measurementSet { id particles { class count } }
} }`;

/** The error code a graphql-ws subscription ended with. */
function subscriptionError(ws: Client, query: string, variables: Record<string, unknown>): Promise<string | undefined> {
  return new Promise((resolve) => {
    ws.subscribe(
      { query, variables },
      {
        next: ({ errors }) => resolve(errors?.[0]?.extensions?.['code'] as string | undefined),
        error: (errors) => resolve((errors as { extensions?: { code?: string } }[])[0]?.extensions?.code),
        complete: () => resolve(undefined),
      },
    );
  });
}

describe('pipeline API: live measurements, evaluations against manual masks, idempotent mutations, drift from the CLI', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let outsider: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;
  let setup: TinyModelDataset;
  let registry: TinyModelDataset['registry'];
  let datasetId: string;
  let versionId: string;
  const sockets: Client[] = [];

  const socket = (apiKey: string) => {
    const ws = createClient({ url: platform.graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${apiKey}` } });
    sockets.push(ws);
    return ws;
  };

  /** The gateway's subscription consumers on the events stream. */
  const subscriptionConsumers = async () => {
    const jsm = await nc.jetstreamManager();
    const names: string[] = [];
    // The server lists names first and fills in each consumer's info after; one removed in between
    // (another test's subscription ending) comes back as null.
    for await (const info of jsm.consumers.list(EVENTS_STREAM.name)) if (info) names.push(info.name);
    return names.filter((name) => name.startsWith('gateway_subscription'));
  };

  beforeAll(async () => {
    // Webhooks here aim at loopback ports, which they may reach only when the operator allows it.
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], { MICROSEG_TF_BACKEND: 'wasm', INFERENCE_ACK_WAIT_MS: '5000', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8' });
    lab = await platform.newGroup();
    outsider = await platform.newGroup();
    setup = await setUpTinyModelDataset(platform, lab, { name: 'Pipeline API superalloy' });
    ({ nc, registry, versionId, datasetId } = setup);
    await lab.client.request('mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }', {
      input: { datasetId, model: 'tiny-unet', alias: 'production' },
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(sockets.map(async (ws) => ws.dispose()));
    await setup?.stop();
    await platform?.stop();
  });

  /** Uploads an image with a LIMS id and a manual (ground-truth) mask; the policy adds the model mask. */
  async function uploadWithManualMask(seed: number) {
    const file = join(tmpdir(), `pipeline-api-${randomUUID()}.png`);
    const mask = join(tmpdir(), `pipeline-api-${randomUUID()}-mask.png`);
    await writeFile(file, await grayPng(96, 80, seed));
    await writeFile(mask, await indexMaskPng(96, 80, CLASSES.length));
    const limsId = `LIMS-${randomUUID().slice(0, 8)}`;
    const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, [
      'image', 'upload', file, '--dataset', datasetId, '--lims-id', limsId, '--mask', mask,
    ]);
    return { imageId: image.id, limsId };
  }

  describe('measurementCompleted subscription', () => {
    it('answers NOT_FOUND for a dataset the caller cannot read', async () => {
      expect(await subscriptionError(socket(outsider.apiKey), MEASUREMENT_COMPLETED, { datasetId })).toBe('NOT_FOUND');
    });

    it('streams every measurement of the dataset to its group, with the LIMS id, kinds and the numbers, and leaves no consumer behind', async () => {
      const before = await subscriptionConsumers();
      const received: MeasurementCompleted[] = [];
      const ws = socket(lab.apiKey);
      const unsubscribe = ws.subscribe<{ measurementCompleted: MeasurementCompleted }>(
        { query: MEASUREMENT_COMPLETED, variables: { datasetId } },
        { next: ({ data }) => data && received.push(data.measurementCompleted), error: () => undefined, complete: () => undefined },
      );
      await eventually(async () => ((await subscriptionConsumers()).length > before.length ? true : undefined), 'the subscription consumer', 10_000);

      const { imageId, limsId } = await uploadWithManualMask(11);
      const both = await eventually(async () => {
        const mine = received.filter((event) => event.imageId === imageId);
        return mine.length >= 2 ? mine : undefined;
      }, 'the ground-truth and model measurements', 120_000);

      // The subscription speaks the API itself (no CLI client in between): enum values in ALL_CAPS.
      const truth = both.find((event) => event.source === 'GROUND_TRUTH');
      const model = both.find((event) => event.source === 'MODEL');
      expect(truth).toMatchObject({ datasetId, imageId, limsId, modelVersionId: null, status: 'SUCCEEDED' });
      expect(model).toMatchObject({ datasetId, imageId, limsId, modelVersionId: versionId, status: 'SUCCEEDED' });
      for (const event of [truth!, model!]) {
        expect(event.kinds).toContain('PARTICLES');
        expect(event.measurementSet?.id).toBe(event.measurementId);
        expect(event.measurementSet?.particles.length).toBeGreaterThan(0);
      }
      expect(received.every((event) => event.datasetId === datasetId)).toBe(true);

      unsubscribe();
      await eventually(async () => ((await subscriptionConsumers()).length === before.length ? true : undefined), 'the consumer deleted', 10_000);
    }, 180_000);
  });

  describe('evaluation of the model mask against the manual one', () => {
    it('answers IoU per class and an accuracy-map URL on the image and on its segmentation, computed once', async () => {
      const { imageId, limsId } = await uploadWithManualMask(21);
      const evaluated = () => evaluatedImage(lab.client, limsId);
      await eventually(async () => {
        const { imageByLimsId } = await lab.client.request<{ imageByLimsId: { segmentations: { nodes: { maskId: string | null }[] } } }>(
          'query($limsId: ID!) { imageByLimsId(limsId: $limsId) { segmentations { nodes { maskId } } } }',
          { limsId },
        );
        return imageByLimsId.segmentations.nodes.some((s) => s.maskId) ? true : undefined;
      }, 'the model segmentation', 120_000);

      let started = performance.now();
      const image = await evaluated();
      const firstMs = performance.now() - started;
      expect(image.id).toBe(imageId);
      const truthMask = image.masks.find((m) => m.source === 'ground_truth')!;
      const [evaluation] = image.evaluations;
      expect(image.evaluations).toHaveLength(1);
      expect(evaluation).toMatchObject({ modelVersionId: versionId, truthMaskId: truthMask.id });
      const segmentation = image.segmentations.find((s) => s.maskId === evaluation!.modelMaskId)!;
      expect(segmentation.evaluation).toEqual(evaluation);

      // The numbers are the model mask's against the manual mask's, over the dataset's foreground classes.
      const [predicted, truth] = await Promise.all([download(segmentation.maskUrl!), download(truthMask.indexUrl)]);
      const expected = evaluateSegmentation(await decodeIndexMask(predicted.bytes), await decodeIndexMask(truth.bytes), { classes: [1, 2] });
      expect(evaluation!.classes.map((c) => c.class)).toEqual([1, 2]);
      evaluation!.classes.forEach((c, i) => expect(c.iou).toBeCloseTo(expected.classes[i]!.iou, 12));
      expect(evaluation!.meanIoU).toBeCloseTo(expected.meanIoU!, 12);

      const map = await download(evaluation!.accuracyMapUrl);
      expect(map.contentType).toBe('image/png');
      expect(await sharp(map.bytes).metadata()).toMatchObject({ width: 96, height: 80, channels: 3 });
      expect(new URL(evaluation!.accuracyMapUrl).searchParams.get('X-Amz-Expires')).toBe('900');

      // A page of the dataset's segmentations asks metrology once for all of its images.
      const { page } = await lab.client.request<{ page: { nodes: { imageId: string; evaluation: Evaluation | null }[] } }>(
        `query($id: ID!) { page: datasetSegmentations(datasetId: $id, first: 50) { nodes { imageId evaluation { ${EVALUATION_FIELDS} } } } }`,
        { id: datasetId },
      );
      const withManualMask = page.nodes.filter((node) => node.evaluation);
      expect(withManualMask.length).toBeGreaterThanOrEqual(2);
      expect(withManualMask.find((node) => node.imageId === imageId)?.evaluation?.classes).toEqual(evaluation!.classes);

      started = performance.now();
      const again = await evaluated();
      const cachedMs = performance.now() - started;
      expect(again.evaluations.map(({ accuracyMapUrl: _url, ...rest }) => rest)).toEqual(image.evaluations.map(({ accuracyMapUrl: _url, ...rest }) => rest));
      console.info(`evaluation: first request ${firstMs.toFixed(0)} ms, cached ${cachedMs.toFixed(0)} ms`);
    }, 180_000);

    it('answers no evaluation for an image without a manual mask', async () => {
      const file = join(tmpdir(), `pipeline-api-${randomUUID()}.png`);
      await writeFile(file, await grayPng(64, 64, 31));
      const limsId = `LIMS-${randomUUID().slice(0, 8)}`;
      await microsegJson(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', datasetId, '--lims-id', limsId]);
      const image = await eventually(async () => {
        const imageByLimsId = await evaluatedImage(lab.client, limsId);
        return imageByLimsId.segmentations.some((s) => s.maskId) ? imageByLimsId : undefined;
      }, 'the model segmentation', 120_000);
      expect(image.evaluations).toEqual([]);
      expect(image.segmentations.every((s) => s.evaluation === null)).toBe(true);
    }, 180_000);
  });

  describe('Idempotency-Key on the pipeline mutations', () => {
    const key = () => ({ 'idempotency-key': `retry-${randomUUID()}` });

    it('answers a retried createPolicy, runPolicy, createWebhook and deleteWebhook with the first answer and acts once', async () => {
      const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
        'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
        { input: { name: 'Idempotent pipeline', material: 'super', classes: CLASSES } },
      );
      const input = { datasetId: createDataset.id, model: 'tiny-unet', alias: 'production' };
      const createPolicy = key();
      const create = () => lab.client.request<{ createPolicy: { id: string } }>('mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }', { input }, createPolicy);
      const [policy, retriedPolicy] = [await create(), await create()];
      expect(retriedPolicy.createPolicy.id).toBe(policy.createPolicy.id);
      const { policies } = await lab.client.request<{ policies: { nodes: { id: string }[] } }>('query($id: ID) { policies(datasetId: $id) { nodes { id } } }', { id: createDataset.id });
      expect(policies.nodes.map((p) => p.id)).toEqual([policy.createPolicy.id]);

      const runPolicy = key();
      const run = () => lab.client.request<{ runPolicy: { id: string } }>('mutation($id: ID!) { runPolicy(id: $id) { id } }', { id: policy.createPolicy.id }, runPolicy);
      const [first, retried] = [await run(), await run()];
      expect(retried.runPolicy.id).toBe(first.runPolicy.id);
      const { pipelineRuns } = await lab.client.request<{ pipelineRuns: { nodes: { id: string }[] } }>('query($id: ID) { pipelineRuns(datasetId: $id) { nodes { id } } }', { id: createDataset.id });
      expect(pipelineRuns.nodes.map((r) => r.id)).toEqual([first.runPolicy.id]);
      // Without a key, a second call is a second action.
      const unkeyed = await lab.client.request<{ runPolicy: { id: string } }>('mutation($id: ID!) { runPolicy(id: $id) { id } }', { id: policy.createPolicy.id });
      expect(unkeyed.runPolicy.id).not.toBe(first.runPolicy.id);
      // The runs page newest first, a page at a time, and filter by state (derived from their images: an empty dataset's run is done).
      const runsPage = (variables: { after?: string | null; state?: string }) =>
        lab.client.request<{ pipelineRuns: { nodes: { id: string; state: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
          'query($id: ID, $after: String, $state: PipelineRunState) { pipelineRuns(datasetId: $id, first: 1, after: $after, state: $state) { nodes { id state } pageInfo { endCursor hasNextPage } } }',
          { id: createDataset.id, after: null, ...variables },
        );
      const newest = await runsPage({});
      expect(newest.pipelineRuns).toEqual({ nodes: [{ id: unkeyed.runPolicy.id, state: 'succeeded' }], pageInfo: { endCursor: unkeyed.runPolicy.id, hasNextPage: true } });
      const older = await runsPage({ after: newest.pipelineRuns.pageInfo.endCursor });
      expect(older.pipelineRuns).toEqual({ nodes: [{ id: first.runPolicy.id, state: 'succeeded' }], pageInfo: { endCursor: first.runPolicy.id, hasNextPage: false } });
      expect((await runsPage({ state: 'running' })).pipelineRuns.nodes).toEqual([]);
      expect((await runsPage({ state: 'succeeded', after: newest.pipelineRuns.pageInfo.endCursor })).pipelineRuns.nodes.map((r) => r.id)).toEqual([first.runPolicy.id]);

      const createWebhook = key();
      const hook = () => lab.client.request<{ createWebhook: { webhook: { id: string }; secret: string } }>(
        'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } secret } }',
        { input: { url: 'http://127.0.0.1:9/lims', events: ['measurement_completed'] } },
        createWebhook,
      );
      const webhooksBefore = (await lab.client.request<{ webhooks: { id: string }[] }>('{ webhooks { id } }')).webhooks.length;
      const [created, retriedHook] = [await hook(), await hook()];
      expect(retriedHook.createWebhook).toEqual(created.createWebhook);
      expect((await lab.client.request<{ webhooks: { id: string }[] }>('{ webhooks { id } }')).webhooks).toHaveLength(webhooksBefore + 1);

      // Retries sent while the first call still runs: one webhook, the others answered from it or told to retry.
      const concurrent = key();
      const racing = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          lab.client.request<{ createWebhook: { webhook: { id: string } } }>(
            'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
            { input: { url: 'http://127.0.0.1:9/racing', events: ['measurement_completed'] } },
            concurrent,
          ),
        ),
      );
      const answered = new Set(racing.flatMap((r) => (r.status === 'fulfilled' ? [r.value.createWebhook.webhook.id] : [])));
      expect(answered.size).toBe(1);
      for (const refused of racing.filter((r) => r.status === 'rejected')) expect(refused.reason).toMatchObject({ code: 'CONFLICT', retryable: true });
      expect((await lab.client.request<{ webhooks: { id: string }[] }>('{ webhooks { id } }')).webhooks).toHaveLength(webhooksBefore + 2);

      const deleteWebhook = key();
      const remove = () => lab.client.request<{ deleteWebhook: { id: string } }>('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id: created.createWebhook.webhook.id }, deleteWebhook);
      expect((await remove()).deleteWebhook.id).toBe(created.createWebhook.webhook.id);
      expect((await remove()).deleteWebhook.id).toBe(created.createWebhook.webhook.id);
    }, 120_000);

    it('admits webhooks to the network the operator allowed (127.0.0.0/8 here) in any spelling, and no other', async () => {
      const hook = (url: string) => lab.client.request<{ createWebhook: { webhook: { id: string } } }>(
        'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
        { input: { url, events: ['segmentation_completed'] } },
      );
      const admitted = [];
      for (const url of ['http://127.0.0.1:9/allowed', 'http://2130706433:9/allowed', 'http://[::ffff:127.0.0.1]:9/allowed']) admitted.push((await hook(url)).createWebhook.webhook.id);
      for (const [url, rule] of [['http://[::1]:9/', 'loopback'], ['http://169.254.169.254/', 'link-local'], ['http://10.0.0.1/', 'private'], ['http://0.0.0.0:9/', 'unspecified']] as const) {
        await expect(hook(url), url).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { rule } });
      }
      for (const id of admitted) await lab.client.request('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id });
    }, 60_000);

    it('refuses the same key with another input (CONFLICT) and keeps keys apart between groups', async () => {
      const shared = key();
      const hook = (client: typeof lab.client, url: string) => client.request<{ createWebhook: { webhook: { id: string } } }>(
        'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }',
        { input: { url, events: ['segmentation_completed'] } },
        shared,
      );
      const mine = await hook(lab.client, 'http://127.0.0.1:9/a');
      await expectCode(hook(lab.client, 'http://127.0.0.1:9/b'), 'CONFLICT');
      const theirs = await hook(outsider.client, 'http://127.0.0.1:9/a');
      expect(theirs.createWebhook.webhook.id).not.toBe(mine.createWebhook.webhook.id);
    }, 60_000);
  });

  describe('microseg pipeline drift', () => {
    it('prints the drift report of a policy after its alias moved, as GraphQL answers it', async () => {
      const second = `tiny/${randomUUID()}`;
      await saveTinyModel(platform.infrastructure.s3, setup.modelBucket, second);
      const v2 = registry.addVersion(2, second).id;
      // Its own alias: moving it touches this test's policy only.
      registry.setAlias('staging', versionId);
      const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
        'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
        { input: { name: 'Drift superalloy', material: 'super', classes: CLASSES } },
      );
      const drifting = createDataset.id;
      const { createPolicy: policy } = await lab.client.request<{ createPolicy: { id: string } }>(
        'mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id } }',
        { input: { datasetId: drifting, model: 'tiny-unet', alias: 'staging' } },
      );
      const file = join(tmpdir(), `pipeline-api-${randomUUID()}.png`);
      await writeFile(file, await grayPng(80, 64, 41));
      const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', drifting]);
      const measuredBy = (modelVersionId: string) =>
        eventually(async () => ((await imageMeasurements(lab.client, image.id, { source: 'model', modelVersionId })).some((s) => s.status === 'succeeded') ? true : undefined), `the measurement by ${modelVersionId}`, 120_000);
      await measuredBy(versionId);

      registry.setAlias('staging', v2);
      await publishEvent(nc.jetstream(), trainingEvents.aliasMoved, { modelId: registry.modelId, groupId: lab.groupId, alias: 'staging', fromVersionId: versionId, toVersionId: v2, at: new Date().toISOString() });
      await measuredBy(v2);

      const printed = await microsegJson<{ datasetId: string; fromVersionId: string; toVersionId: string; images: { imageId: string }[] }>(
        platform.graphqlUrl, lab.apiKey, ['pipeline', 'drift', '--policy', policy.id],
      );
      expect(printed).toMatchObject({ datasetId: drifting, fromVersionId: versionId, toVersionId: v2 });
      expect(printed.images.map((i) => i.imageId)).toEqual([image.id]);
      const { driftReport } = await lab.client.request<{ driftReport: unknown }>(
        `query($d: ID!, $f: ID!, $t: ID!) { driftReport(datasetId: $d, fromVersionId: $f, toVersionId: $t) {
          datasetId fromVersionId toVersionId
          images { imageId classes { class count { old new delta } areaFraction { old new delta } meanArea { old new delta } } meanThickness { old new delta } }
          unmatched { onlyOld onlyNew } dataset { class countDelta meanAbsAreaFractionDelta images } } }`,
        { d: drifting, f: versionId, t: v2 },
      );
      expect(printed).toEqual(driftReport);
      const explicit = await microsegJson(platform.graphqlUrl, lab.apiKey, ['pipeline', 'drift', '--dataset', drifting, '--from', versionId, '--to', v2]);
      expect(explicit).toEqual(driftReport);
    }, 240_000);
  });
});
