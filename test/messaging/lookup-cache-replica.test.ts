/**
 * A gateway's lookup cache against a real nats-server: it keeps answers only while its owner can
 * reach it, and a dropped connection (whose invalidations were lost) starts it over.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LookupCacheReplica, LookupInvalidator } from '@microseg/lookup-cache';
import { connectNats, natsConnectionState, waitUntilConnected } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsServerProcess, eventually, freePort } from './env.ts';

const INTERVAL_MS = 100;

describe('lookup cache replica', () => {
  let server: NatsServerProcess;
  let storeDir: string;
  let gateway: NatsConnection;
  let owner: NatsConnection;
  let replica: LookupCacheReplica<string>;
  let invalidator: LookupInvalidator;
  let version = 0;
  let loads = 0;
  const load = async () => {
    loads++;
    return `v${version}`;
  };

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'microseg-lookup-cache-'));
    server = new NatsServerProcess(await freePort(), storeDir);
    await server.start();
    gateway = await connectNats({ url: server.url, name: 'gateway', reconnectTimeWaitMs: 100 });
    owner = await connectNats({ url: server.url, name: 'owner', reconnectTimeWaitMs: 100 });
    replica = new LookupCacheReplica(gateway, 'image-lookups', { instance: 'gateway-1', ttlMs: 60_000, maxEntries: 100, presenceIntervalMs: INTERVAL_MS });
    invalidator = new LookupInvalidator(owner, 'image-lookups', { presenceIntervalMs: INTERVAL_MS });
    invalidator.start();
    replica.start();
  });
  afterAll(async () => {
    await replica?.stop();
    invalidator?.stop();
    await gateway?.close();
    await owner?.close();
    await server?.stop();
    await rm(storeDir, { recursive: true, force: true });
  });

  /** Whether a second lookup in a row was answered without asking the owner. */
  const answeredFromMemory = async () => {
    await replica.get('g1', 'S-1', load);
    const before = loads;
    await replica.get('g1', 'S-1', load);
    return loads === before;
  };

  it('asks the owner every time until the owner has had time to hear of it, then keeps answers', async () => {
    expect(await answeredFromMemory()).toBe(false);
    await eventually(answeredFromMemory, { what: 'answers kept', timeoutMs: 5_000 });
  });

  it("drops a scope when the owner changes it and answers the owner's change only after confirming", async () => {
    version = 1;
    expect(await replica.get('g1', 'S-1', load)).toBe('v0'); // kept from before the change
    await invalidator.invalidate('g1');
    expect(await replica.get('g1', 'S-1', load)).toBe('v1');
  });

  it('starts over after its connection dropped: answers from before may have missed an invalidation', async () => {
    expect(await answeredFromMemory()).toBe(true);
    await server.stop();
    await eventually(async () => natsConnectionState(gateway) === 'reconnecting', { what: 'the disconnect' });
    version = 2; // changed while the gateway could not be told
    await server.start();
    await waitUntilConnected(gateway, { timeoutMs: 15_000 });
    expect(await replica.get('g1', 'S-1', load)).toBe('v2');
    await eventually(answeredFromMemory, { what: 'answers kept again', timeoutMs: 5_000 });
  });

  it('tells the owner when it stops, so that the owner no longer waits for it', async () => {
    await waitUntilConnected(owner, { timeoutMs: 15_000 });
    await replica.stop();
    await owner.flush();
    const started = performance.now();
    await invalidator.invalidate('g1');
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
