import { randomBytes, randomUUID } from 'node:crypto';
import { type Principal, PrincipalTokens, datasetContracts } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { request } from '@microseg/messaging';
import { type NatsConnection, connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';

/** The header the gateway writes; a forger writes it too. */
const PRINCIPAL_HEADER = 'microseg-principal';

async function refusal(call: Promise<unknown>): Promise<MicroSegError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

/**
 * Issue 15, hole 2: a NATS client that writes another group's principal into the header must not
 * read that group's data. Through the real gateway, identity and dataset services.
 */
describe('callers on NATS are verified (signed principals, NATS users)', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let victim: Principal;
  let datasetId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    const lab = await platform.newGroup('Victim lab');
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation { createDataset(input: { name: "secret alloys", material: "super", classes: [{ index: 0, name: "matrix", color: "#000000" }, { index: 1, name: "gamma", color: "#ffffff" }] }) { id } }',
    );
    datasetId = createDataset.id;
    const { me } = await lab.client.request<{ me: { memberId: string } }>('{ me { memberId } }');
    victim = { groupId: lab.groupId, groupName: 'Victim lab', memberId: me.memberId, keyId: randomUUID(), role: 'admin' };
    // The forger got onto the bus (a leaked password, a compromised pod): it may publish anywhere.
    nc = await platform.infrastructure.connectNats('forger');
  });
  afterAll(async () => {
    await nc?.drain();
    await platform?.stop();
  });

  const listAs = (headers: Record<string, string>) => request(nc, datasetContracts.listDatasets, { first: 10 }, { headers, timeoutMs: 30_000 });

  it('answers a principal signed with the platform key (the control: the forged calls differ only in the signature)', async () => {
    const page = await listAs(platform.infrastructure.principals.headers(victim));
    expect(page.nodes.map((d) => d.id)).toContain(datasetId);
  });

  it('refuses a call without a principal, or with an unsigned one, as UNAUTHENTICATED', async () => {
    const calls: Record<string, string>[] = [{}, { [PRINCIPAL_HEADER]: JSON.stringify(victim) }];
    for (const headers of calls) {
      const error = await refusal(listAs(headers));
      expect(error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a principal signed with another key, and says nothing about why', async () => {
    const forger = new PrincipalTokens({ keys: [randomBytes(32).toString('hex')], issuer: 'gateway' });
    const error = await refusal(listAs(forger.headers(victim)));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).not.toMatch(/key|signature|hmac|expired/i);
    expect(error.details).toEqual({});
  });

  it('refuses an expired principal, even signed with the platform key', async () => {
    const tenMinutesAgo = new PrincipalTokens({ keys: [platform.infrastructure.principalSigningKey], issuer: 'gateway', now: () => Date.now() - 10 * 60_000 });
    const error = await refusal(listAs(tenMinutesAgo.headers(victim)));
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a mutation with a forged principal before it runs', async () => {
    const error = await refusal(
      request(nc, datasetContracts.deleteDataset, { id: datasetId }, { headers: { [PRINCIPAL_HEADER]: JSON.stringify(victim) }, timeoutMs: 30_000 }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
    const page = await listAs(platform.infrastructure.principals.headers(victim));
    expect(page.nodes.map((d) => d.id)).toContain(datasetId);
  });

  it('refuses a raw NATS client without credentials at connect', async () => {
    const error = await connect({ servers: platform.infrastructure.natsUrl, reconnect: false }).then(
      async (open) => {
        await open.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    const wrong = await connect({ servers: platform.infrastructure.natsUrl, user: 'dataset', pass: 'guessed', reconnect: false }).then(
      async (open) => {
        await open.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(wrong).toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
  });
});
