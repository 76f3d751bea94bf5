import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Principal, inferenceContracts } from '@microseg/contracts';
import { findFreePort } from '@microseg/local-stack';
import { request } from '@microseg/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayPng } from '../datasets/images.ts';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { eventually } from '../metrology/metrology-platform.ts';
import { type TinyModelDataset, setUpTinyModelDataset } from '../pipeline/registry-stand-in.ts';

const EXAMPLES = resolve(import.meta.dirname, '..', '..', 'docs', 'lims-integration', 'examples');
const run = promisify(execFile);
// Node 22 has WebSocket built in; Node 20 behind a flag (the guide says so too).
const NODE_FLAGS = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket', '--no-warnings'] : [];

/** A running example with its output lines, as a person would start it from a terminal. */
function start(script: string, args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [...NODE_FLAGS, script, ...args], { cwd: EXAMPLES, env: { ...process.env, ...env } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout, stderr, exited };
}

describe('the LIMS integration guide: its examples run end to end against the platform', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let setup: TinyModelDataset;
  let env: Record<string, string>;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset', 'metrology', 'inference'], {
      MICROSEG_TF_BACKEND: 'wasm',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    });
    lab = await platform.newGroup();
    setup = await setUpTinyModelDataset(platform, lab, { name: 'LIMS guide superalloy' });
    const principal: Principal = { groupId: lab.groupId, groupName: 'lab', memberId: randomUUID(), keyId: randomUUID(), role: 'admin' };
    await request(setup.nc, inferenceContracts.createPolicy, { datasetId: setup.datasetId, model: 'tiny-unet', alias: 'production' }, {
      headers: platform.infrastructure.principals.headers(principal),
      timeoutMs: 60_000,
    });
    env = { MICROSEG_URL: platform.graphqlUrl, MICROSEG_API_KEY: lab.apiKey };
  }, 120_000);
  afterAll(async () => {
    for (const child of running) child.kill();
    await setup?.stop();
    await platform?.stop();
  });

  it('uploads with a LIMS id, follows the measurement live, polls the results and receives the verified webhook', async () => {
    const port = await findFreePort();
    const { createWebhook } = await lab.client.request<{ createWebhook: { secret: string } }>(
      'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
      { input: { url: `http://127.0.0.1:${port}/microseg`, events: ['measurement_completed'] } },
    );
    const receiver = start('webhook-receiver.mjs', [String(port)], { MICROSEG_WEBHOOK_SECRET: createWebhook.secret });
    const follower = start('follow-measurements.mjs', [setup.datasetId, '1'], env);
    running.push(receiver.child, follower.child);
    await eventually(async () => (receiver.stderr.some((l) => l.startsWith('listening')) ? true : undefined), 'the receiver listening', 20_000);
    await eventually(async () => (follower.stderr.includes('subscribed') ? true : undefined), 'the subscription', 20_000);

    const file = join(tmpdir(), `lims-guide-${randomUUID()}.png`);
    await writeFile(file, await grayPng(80, 72, 11));
    const limsId = `S-${randomUUID().slice(0, 8)}`;
    const { stdout: uploaded } = await run(process.execPath, ['upload-image.mjs', file, setup.datasetId, limsId], { cwd: EXAMPLES, env: { ...process.env, ...env } });
    const image = JSON.parse(uploaded) as { id: string; limsId: string; deduplicated: boolean };
    expect(image).toMatchObject({ limsId, deduplicated: false });

    const { stdout: polled } = await run(process.execPath, ['poll-results.mjs', limsId, '120'], { cwd: EXAMPLES, env: { ...process.env, ...env } });
    const results = JSON.parse(polled) as { id: string; measurements: { status: string; particles: { class: number; areaFraction: number }[] }[] };
    expect(results.id).toBe(image.id);
    expect(results.measurements[0]).toMatchObject({ status: 'SUCCEEDED', particles: expect.any(Array) });

    expect(await follower.exited).toBe(0);
    expect(JSON.parse(follower.stdout[0]!)).toMatchObject({ imageId: image.id, limsId, status: 'SUCCEEDED' });

    const delivered = await eventually(async () => receiver.stdout.map((line) => JSON.parse(line) as Record<string, unknown>).find((event) => event['limsId'] === limsId), 'the webhook', 60_000);
    expect(delivered).toMatchObject({ event: 'measurement.completed', imageId: image.id, limsId });
  }, 240_000);

  it('shows a refused call as its typed error, without retrying it', async () => {
    const failed = await run(process.execPath, ['poll-results.mjs'], { cwd: EXAMPLES, env: { ...process.env, ...env } }).catch((error: { stderr: string }) => error);
    expect((failed).stderr).toContain('usage: node poll-results.mjs');
    const wrongDataset = await run(process.execPath, ['upload-image.mjs', join(EXAMPLES, 'upload-image.mjs'), randomUUID(), 'S-1'], { cwd: EXAMPLES, env: { ...process.env, ...env } }).catch(
      (error: { stderr: string }) => error,
    );
    expect((wrongDataset).stderr).toMatch(/MicroSegError|NOT_FOUND|not found/i);
  }, 60_000);
});
