import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metrologyEvents } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { publishEvent } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsegJson } from '../datasets/cli.ts';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { startLims } from '../pipeline/lims-receiver.ts';
import { CLASSES } from '../pipeline/registry-stand-in.ts';

/**
 * Every spelling of an address that is no public host, with the rule that refuses it. None of
 * these is ever contacted: they are refused before anything is sent.
 */
const REFUSED_TARGETS: readonly (readonly [string, string])[] = [
  ['http://127.0.0.1:5432/', 'loopback'],
  ['http://127.0.0.1:4222/', 'loopback'],
  ['http://127.1/', 'loopback'],
  ['http://2130706433/', 'loopback'],
  ['http://0x7f000001/', 'loopback'],
  ['http://0177.0.0.1/', 'loopback'],
  ['http://[::1]:4000/graphql', 'loopback'],
  ['http://[::ffff:127.0.0.1]/', 'loopback'],
  ['http://[::ffff:7f00:1]/', 'loopback'],
  ['http://0.0.0.0:9090/metrics', 'unspecified'],
  ['http://0/', 'unspecified'],
  ['http://[::]/', 'unspecified'],
  ['http://169.254.169.254/latest/meta-data/', 'link-local'],
  ['http://[::ffff:169.254.169.254]/', 'link-local'],
  ['http://[fe80::1]/', 'link-local'],
  ['http://10.0.0.1/', 'private'],
  ['http://172.16.0.1/', 'private'],
  ['http://172.31.255.254/', 'private'],
  ['http://192.168.1.1/', 'private'],
  ['http://100.64.0.1/', 'carrier-grade-nat'],
  ['http://[fc00::1]/', 'unique-local'],
  ['http://[fd12:3456::1]/', 'unique-local'],
  ['http://224.0.0.1/', 'multicast'],
  ['http://[ff02::1]/', 'multicast'],
  ['http://255.255.255.255/', 'broadcast'],
  ['http://240.0.0.1/', 'reserved'],
  ['http://[::127.0.0.1]/', 'reserved'],
  ['http://[64:ff9b::7f00:1]/', 'reserved'],
  ['https://lims:secret@lims.example.org/', 'credentials'],
];

const CREATE = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url } secret } }';

interface Delivery {
  webhookId: string;
  state: string;
  imageId: string;
  attempts: { attempt: number; statusCode: number | null; error: string | null; refusedRule: string | null }[];
}

describe('webhooks reach no loopback, private or link-local target unless the operator allows it', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let nc: NatsConnection;

  beforeAll(async () => {
    // No WEBHOOK_ALLOWED_NETWORKS: the platform as it is deployed by default.
    platform = await startTestPlatform(['identity', 'dataset', 'inference'], { MICROSEG_TF_BACKEND: 'wasm', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_MAX_MS: '1000' });
    lab = await platform.newGroup();
    nc = await platform.infrastructure.connectNats('webhook-targets');
  }, 180_000);
  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  it('refuses every literal loopback, private, link-local and reserved form at createWebhook with INVALID_INPUT naming the rule', async () => {
    const before = (await lab.client.request<{ webhooks: unknown[] }>('{ webhooks { id } }')).webhooks.length;
    for (const [url, rule] of REFUSED_TARGETS) {
      const error = await lab.client.request(CREATE, { input: { url, events: ['measurement_completed'] } }).then(() => undefined, (e: unknown) => e);
      expect(error, url).toBeInstanceOf(MicroSegError);
      expect(error, url).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'url', rule } });
    }
    for (const url of ['ftp://lims.example.org/in', 'file:///etc/passwd']) {
      const error = await lab.client.request(CREATE, { input: { url, events: ['measurement_completed'] } }).then(() => undefined, (e: unknown) => e);
      expect(error, url).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect((await lab.client.request<{ webhooks: unknown[] }>('{ webhooks { id } }')).webhooks).toHaveLength(before);
  }, 120_000);

  it('accepts a host name, judges what it resolves to at delivery, and records a loopback answer as refused, with nothing sent and no retry', async () => {
    const lims = await startLims();
    try {
      // `localhost` resolves to 127.0.0.1 and ::1: a name is judged only when it is resolved.
      const { createWebhook } = await lab.client.request<{ createWebhook: { webhook: { id: string; url: string } } }>(CREATE, {
        input: { url: `${lims.url.replace('127.0.0.1', 'localhost')}/flaky`, events: ['measurement_completed'] },
      });
      const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
        'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
        { input: { name: 'Webhook targets', material: 'super', classes: CLASSES } },
      );
      const file = join(tmpdir(), `webhook-targets-${randomUUID()}.png`);
      await writeFile(file, await grayPng(64, 64, 3));
      const { image } = await microsegJson<{ image: { id: string } }>(platform.graphqlUrl, lab.apiKey, ['image', 'upload', file, '--dataset', createDataset.id, '--lims-id', `LIMS-${randomUUID().slice(0, 8)}`]);
      // The event a finished measurement publishes: the webhook fan-out listens to it.
      await publishEvent(nc.jetstream(), metrologyEvents.measurementCompleted, {
        measurementId: randomUUID(), maskId: randomUUID(), imageId: image.id, datasetId: createDataset.id, groupId: lab.groupId,
        source: 'model', modelVersionId: randomUUID(), profileHash: 'p', codeVersion: 'test', status: 'succeeded', error: null, kinds: [], completedAt: new Date().toISOString(),
      });

      const delivery = await eventually(async () => {
        const { webhookDeliveries } = await lab.client.request<{ webhookDeliveries: { nodes: Delivery[] } }>(
          'query($id: ID) { webhookDeliveries(webhookId: $id) { nodes { webhookId state imageId attempts { attempt statusCode error refusedRule } } } }',
          { id: createWebhook.webhook.id },
        );
        return webhookDeliveries.nodes.find((d) => d.imageId === image.id && d.state !== 'pending');
      }, 'the delivery to end', 60_000);
      expect(delivery.state).toBe('refused');
      expect(delivery.attempts).toEqual([{ attempt: 1, statusCode: null, refusedRule: 'loopback', error: expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1)/) }]);
      // Past the retry schedule (3 attempts, 200 ms doubling): still one attempt, and the receiver saw nothing.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const { webhookDeliveries: after } = await lab.client.request<{ webhookDeliveries: { nodes: Delivery[] } }>(
        'query($id: ID) { webhookDeliveries(webhookId: $id, state: REFUSED) { nodes { state attempts { attempt } } } }',
        { id: createWebhook.webhook.id },
      );
      expect(after.nodes).toEqual([{ state: 'refused', attempts: [{ attempt: 1 }] }]);
      expect(lims.received).toEqual([]);
    } finally {
      await lims.close();
    }
  }, 150_000);
});
