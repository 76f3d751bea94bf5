import { randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Principal, inferenceContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import type { GatewayClient } from '@microseg/cli';
import type { TestPlatform } from '../harness/index.ts';
import type { TinyModelDataset } from '../pipeline/registry-stand-in.ts';

/** A LIMS on loopback that takes every webhook, keeping each one's headers. */
export async function startLoopbackLims() {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The automated path a LIMS follows: a policy segmenting the dataset's uploads with `tiny-unet@production`
 * (asked for by an admin of the lab over NATS, as the gateway would) and a webhook to the LIMS for every
 * completed measurement.
 */
export async function automateWithWebhook(
  platform: TestPlatform,
  lab: { groupId: string; client: GatewayClient },
  setup: TinyModelDataset,
  webhookUrl: string,
): Promise<void> {
  const principal: Principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
  await request(setup.nc, inferenceContracts.createPolicy, { datasetId: setup.datasetId, model: 'tiny-unet', alias: 'production' }, {
    headers: platform.infrastructure.principals.headers(principal),
    timeoutMs: 60_000,
  });
  await lab.client.request('mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }', {
    input: { url: webhookUrl, events: ['measurement_completed'] },
  });
}
