import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectNats, natsConnectionState, waitUntilConnected } from '@microseg/messaging';
import { afterAll, describe, expect, it } from 'vitest';
import { NatsServerProcess, eventually, freePort } from './env.ts';

describe('NATS connection', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('waits for a server that is not up yet, then reconnects after it restarts', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'microseg-conn-nats-'));
    cleanup.push(() => rm(storeDir, { recursive: true, force: true }));
    const server = new NatsServerProcess(await freePort(), storeDir);
    cleanup.push(() => server.stop());

    const connecting = connectNats({
      url: server.url,
      name: 'late-server',
      reconnectTimeWaitMs: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    await server.start();
    const nc = await connecting;
    cleanup.push(() => nc.close());
    expect(natsConnectionState(nc)).toBe('connected');

    await server.stop();
    await eventually(async () => natsConnectionState(nc) === 'reconnecting', {
      what: 'the disconnect',
    });
    await expect(waitUntilConnected(nc, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await server.start();
    await waitUntilConnected(nc, { timeoutMs: 15_000 });
    expect(natsConnectionState(nc)).toBe('connected');
  });

  it('gives up on the first connection when start-up is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    await expect(
      connectNats({
        url: `nats://127.0.0.1:${await freePort()}`,
        name: 'nowhere',
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
