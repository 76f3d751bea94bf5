import { randomUUID } from 'node:crypto';
import { GatewayClient } from '@microseg/cli';
import { metrologyEvents } from '@microseg/contracts';
import { publishEvent } from '@microseg/messaging';
import { type Client, createClient } from 'graphql-ws/client';
import type { NatsConnection } from 'nats';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

/** How soon a socket must close once its access ended: the revocation notice, or the periodic check. */
const CLOSE_WITHIN_MS = 5_000;
/** The gateway's AUTH_CACHE_TTL_MS here, which is also how often it checks the keys of open sockets again. */
const RECHECK_MS = 1_000;

const MEASUREMENT_COMPLETED = 'subscription($datasetId: ID!) { measurementCompleted(datasetId: $datasetId) { measurementId imageId limsId } }';

interface Watched {
  received: string[];
  closed: Promise<{ code: number; reason: string; afterMs: number }>;
  /** Resolves once the subscription is streaming (its first event arrived). */
  firstEvent: Promise<void>;
  markEnded(): void;
}

describe('revocation ends open subscriptions (graphql-ws)', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let lab: { groupId: string; apiKey: string; client: GatewayClient };
  let datasetId: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset'], { AUTH_CACHE_TTL_MS: String(RECHECK_MS) });
    nc = await platform.infrastructure.connectNats('revocation-test');
    lab = await platform.newGroup('Revocation lab');
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'revocation', classes: [{ index: 0, name: 'matrix', color: '#000000' }, { index: 1, name: 'oxide', color: '#ff0000' }] } },
    );
    datasetId = createDataset.id;
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await nc?.close();
    await platform?.stop();
  });

  /** A measurement of the lab's dataset, as metrology would announce it. */
  const announce = (measurementId = randomUUID()) =>
    publishEvent(nc.jetstream(), metrologyEvents.measurementCompleted, {
      measurementId,
      maskId: randomUUID(),
      imageId: randomUUID(),
      datasetId,
      groupId: lab.groupId,
      source: 'ground_truth',
      modelVersionId: null,
      profileHash: 'test',
      codeVersion: 'test',
      status: 'succeeded',
      error: null,
      kinds: ['particles'],
      completedAt: new Date().toISOString(),
    });

  /** Subscribes with a key and announces measurements until the subscription streams. */
  async function watch(apiKey: string): Promise<Watched> {
    let endedAt = 0;
    let onClosed: (value: { code: number; reason: string; afterMs: number }) => void = () => undefined;
    const closed = new Promise<{ code: number; reason: string; afterMs: number }>((resolve) => (onClosed = resolve));
    const socket = createClient({
      url: platform.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          onClosed({ code, reason, afterMs: Date.now() - endedAt });
        },
      },
    });
    sockets.push(socket);
    const received: string[] = [];
    let onFirst: () => void = () => undefined;
    const firstEvent = new Promise<void>((resolve) => (onFirst = resolve));
    socket.subscribe<{ measurementCompleted: { measurementId: string } }>(
      { query: MEASUREMENT_COMPLETED, variables: { datasetId } },
      {
        next: ({ data }) => {
          if (data) received.push(data.measurementCompleted.measurementId);
          onFirst();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // The consumer starts when the server has run the subscribe resolver: announce until one arrives.
    for (let i = 0; i < 50 && received.length === 0; i++) {
      await announce();
      await Promise.race([firstEvent, new Promise((r) => setTimeout(r, 200))]);
    }
    expect(received.length, 'the subscription streams before its access ends').toBeGreaterThan(0);
    return { received, closed, firstEvent, markEnded: () => (endedAt = Date.now()) };
  }

  async function expectClosedSoon(watched: Watched): Promise<void> {
    const outcome = await Promise.race([watched.closed, new Promise<undefined>((r) => setTimeout(() => r(undefined), CLOSE_WITHIN_MS + 2_000))]);
    expect(outcome, 'the socket closed').toBeDefined();
    expect(outcome!.code).toBe(4403);
    expect(outcome!.afterMs).toBeLessThan(CLOSE_WITHIN_MS);
    const count = watched.received.length;
    const late = randomUUID();
    await announce(late);
    await new Promise((r) => setTimeout(r, 500));
    expect(watched.received).not.toContain(late);
    expect(watched.received).toHaveLength(count);
  }

  async function keyFor(role: 'viewer' | 'member' | 'admin'): Promise<{ memberId: string; keyId: string; secret: string }> {
    const { addMember } = await lab.client.request<{ addMember: { id: string } }>(
      'mutation($input: AddMemberInput!) { addMember(input: $input) { id } }',
      { input: { name: `${role} ${randomUUID().slice(0, 6)}`, role } },
    );
    const { createApiKey } = await lab.client.request<{ createApiKey: { secret: string; key: { id: string } } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret key { id } } }',
      { input: { name: 'LIMS socket', memberId: addMember.id } },
    );
    return { memberId: addMember.id, keyId: createApiKey.key.id, secret: createApiKey.secret };
  }

  it("closes a revoked key's socket within seconds, and its events stop", async () => {
    const key = await keyFor('member');
    const watched = await watch(key.secret);
    watched.markEnded();
    await lab.client.request('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: key.keyId });
    await expectClosedSoon(watched);
  });

  it("closes a removed member's sockets", async () => {
    const key = await keyFor('member');
    const watched = await watch(key.secret);
    watched.markEnded();
    await lab.client.request('mutation($id: ID!) { removeMember(memberId: $id) }', { id: key.memberId });
    await expectClosedSoon(watched);
  });

  it('closes the sockets of a member whose role was lowered', async () => {
    const key = await keyFor('admin');
    const watched = await watch(key.secret);
    watched.markEnded();
    await lab.client.request('mutation($id: ID!) { setMemberRole(memberId: $id, role: VIEWER) { role } }', { id: key.memberId });
    await expectClosedSoon(watched);
  });

  it('closes a socket whose key was revoked without a notice reaching the gateway (the periodic check)', async () => {
    const key = await keyFor('member');
    const watched = await watch(key.secret);
    // Straight in the database: no revocation event is published.
    const db = new pg.Client({ connectionString: platform.infrastructure.databaseUrl });
    await db.connect();
    try {
      await db.query('update identity.api_keys set revoked_at = now() where id = $1', [key.keyId]);
    } finally {
      await db.end();
    }
    watched.markEnded();
    await expectClosedSoon(watched);
  });

  it('refuses a socket without a key or with a wrong one', async () => {
    for (const connectionParams of [{}, { authorization: `Bearer msk_${'x'.repeat(43)}` }]) {
      const closed = await new Promise<number>((resolve) => {
        const socket = createClient({
          url: platform.graphqlUrl.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          connectionParams,
          retryAttempts: 0,
          on: { closed: (event) => resolve((event as { code: number }).code) },
        });
        sockets.push(socket);
        socket.subscribe({ query: MEASUREMENT_COMPLETED, variables: { datasetId } }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      });
      expect(closed).toBe(4401);
    }
  });
});
