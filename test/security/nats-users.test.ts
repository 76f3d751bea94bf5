import { stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_STREAM, healthReport, identityContracts, platformNatsUsers, trainingEvents } from '@microseg/contracts';
import { startLocalInfrastructure } from '@microseg/local-stack';
import { ensureStream } from '@microseg/messaging';
import { type NatsConnection, type NatsError, connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestInfrastructure, getTestInfrastructure } from '../harness/index.ts';

async function connectError(options: Parameters<typeof connect>[0]): Promise<unknown> {
  return connect({ ...options, reconnect: false }).then(
    async (nc) => {
      await nc.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

/** Subscribes and reports the error the server answers with, if any, once the subscription reached it. */
async function subscribeError(nc: NatsConnection, subject: string): Promise<NatsError | undefined> {
  let failure: NatsError | undefined;
  const subscription = nc.subscribe(subject, {
    callback: (error) => {
      if (error) failure = error;
    },
  });
  await nc.flush();
  for (let i = 0; i < 50 && !failure; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  subscription.unsubscribe();
  return failure;
}

describe("the local stack's nats-server admits only the platform's users", () => {
  let dataDir: string;
  let infrastructure: TestInfrastructure;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'microseg-nats-users-'));
    // Only NATS is started here: PostgreSQL and S3 are named as existing servers.
    infrastructure = await getTestInfrastructure();
  });
  afterAll(async () => {
    await infrastructure?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  const startStack = () =>
    startLocalInfrastructure({
      dataDir,
      env: { DATABASE_URL: infrastructure.databaseUrl, S3_ENDPOINT: infrastructure.s3.endpoint, S3_ACCESS_KEY: 'unused', S3_SECRET_KEY: 'unused' },
      natsUsers: platformNatsUsers(),
    });

  it('refuses a client without credentials at connect, admits each service with its own password, and keeps the passwords across restarts', async () => {
    const first = await startStack();
    try {
      expect(await connectError({ servers: first.natsUrl })).toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
      const dataset = first.natsCredentials?.['dataset'];
      expect(dataset).toBeDefined();
      expect(await connectError({ servers: first.natsUrl, user: 'dataset', pass: `${dataset?.password}x` })).toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
      expect(await connectError({ servers: first.natsUrl, user: 'dataset', pass: dataset?.password })).toBeUndefined();
      expect((await stat(join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    } finally {
      await first.stop();
    }
    const second = await startStack();
    try {
      expect(second.natsCredentials).toEqual(first.natsCredentials);
      expect(second.principalSigningKey).toBe(first.principalSigningKey);
      expect(await connectError({ servers: second.natsUrl, user: 'gateway', pass: second.natsCredentials?.['gateway']?.password })).toBeUndefined();
    } finally {
      await second.stop();
    }
  });
});

describe('each service user may use only the subjects it needs', () => {
  let infrastructure: TestInfrastructure;
  let dataset: NatsConnection;
  let gateway: NatsConnection;

  beforeAll(async () => {
    infrastructure = await getTestInfrastructure({ dedicatedNats: true });
    const as = async (user: string) => {
      const credentials = infrastructure.natsCredentials?.[user];
      if (!credentials) throw new Error(`no NATS user ${user}`);
      return connect({ servers: infrastructure.natsUrl, user: credentials.user, pass: credentials.password, inboxPrefix: `_INBOX.${user}` });
    };
    dataset = await as('dataset');
    gateway = await as('gateway');
    await ensureStream(await dataset.jetstreamManager(), { name: EVENTS_STREAM.name, subjects: [...EVENTS_STREAM.subjects] });
  });
  afterAll(async () => {
    await dataset?.close();
    await gateway?.close();
    await infrastructure?.cleanup();
  });

  it("refuses a service's request to a service it never calls", async () => {
    await expect(dataset.request(identityContracts.createApiKey.subject, '{}', { timeout: 5_000 })).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
  });

  it("refuses a service's publish of another service's event", async () => {
    await expect(dataset.jetstream().publish(trainingEvents.versionRegistered.subject, '{}')).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
  });

  it("refuses a service's subscription to another service's requests or to the gateway's replies", async () => {
    expect(await subscribeError(dataset, 'microseg.identity.v1.>')).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscribeError(dataset, '_INBOX.gateway.>')).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscribeError(dataset, '>')).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
  });

  it('refuses a service deleting a stream (an operator act)', async () => {
    const jsm = await dataset.jetstreamManager();
    await expect(jsm.streams.delete(EVENTS_STREAM.name)).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect((await jsm.streams.info(EVENTS_STREAM.name)).config.name).toBe(EVENTS_STREAM.name);
  });

  it("lets a service report its own health to the gateway, never another service's", async () => {
    const received: string[] = [];
    const subscriptions = [healthReport('dataset'), healthReport('training')].map((contract) =>
      gateway.subscribe(contract.subject, { callback: (_error, msg) => received.push(msg.subject) }),
    );
    await gateway.flush();
    dataset.publish(healthReport('training').subject, '{}');
    dataset.publish(healthReport('dataset').subject, '{}');
    await dataset.flush();
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([healthReport('dataset').subject]);
    subscriptions.forEach((subscription) => subscription.unsubscribe());
  });

  it('lets a service answer its own requests, which the gateway may send', async () => {
    const subject = 'microseg.dataset.v1.permission-probe';
    const subscription = dataset.subscribe(subject, { callback: (_error, msg) => msg.respond('pong') });
    await dataset.flush();
    const reply = await gateway.request(subject, '', { timeout: 5_000 });
    expect(reply.string()).toBe('pong');
    subscription.unsubscribe();
  });
});
