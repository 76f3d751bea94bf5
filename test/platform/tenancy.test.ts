import { GatewayClient } from '@microseg/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform, expectCode } from '../harness/index.ts';

describe('tenancy through the gateway (identity service, PostgreSQL, NATS)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity']);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('bootstraps a group whose admin key identifies it', async () => {
    const lab = await platform.newGroup('Superalloy lab');
    const { me } = await lab.client.request<{ me: { groupId: string; groupName: string; role: string; group: { name: string } } }>(
      '{ me { groupId groupName role group { name } } }',
    );
    expect(me).toEqual({ groupId: lab.groupId, groupName: 'Superalloy lab', role: 'admin', group: { name: 'Superalloy lab' } });
    await expectCode(platform.newGroup('superalloy LAB'), 'CONFLICT');
  });

  it('refuses data queries without a key, and wrong or malformed keys', async () => {
    await expectCode(platform.anonymous.request('{ me { groupId } }'), 'UNAUTHENTICATED');
    const wrong = new GatewayClient({ url: platform.graphqlUrl, apiKey: `msk_${'x'.repeat(43)}` });
    await expectCode(wrong.request('{ me { groupId } }'), 'UNAUTHENTICATED');
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ me { groupId } }' }),
    });
    expect(response.status).toBe(401);
  });

  it('shows a created key once and refuses it as soon as it is revoked', async () => {
    const lab = await platform.newGroup();
    const { createApiKey } = await lab.client.request<{ createApiKey: { secret: string; key: { id: string; prefix: string } } }>(
      'mutation { createApiKey(input: { name: "LIMS" }) { secret key { id prefix } } }',
    );
    expect(createApiKey.secret.startsWith(createApiKey.key.prefix)).toBe(true);
    const lims = new GatewayClient({ url: platform.graphqlUrl, apiKey: createApiKey.secret });
    expect((await lims.request<{ me: { groupId: string } }>('{ me { groupId } }')).me.groupId).toBe(lab.groupId);

    const { apiKeys } = await lab.client.request<{ apiKeys: { nodes: { id: string; prefix: string }[] } }>('{ apiKeys { nodes { id prefix } } }');
    expect(JSON.stringify(apiKeys)).not.toContain(createApiKey.secret);

    await lab.client.request('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: createApiKey.key.id });
    await expectCode(lims.request('{ me { groupId } }'), 'UNAUTHENTICATED');
  });

  it('enforces roles: a viewer cannot manage members', async () => {
    const lab = await platform.newGroup();
    const { addMember } = await lab.client.request<{ addMember: { id: string } }>(
      'mutation { addMember(input: { name: "Student", role: VIEWER }) { id } }',
    );
    const { createApiKey } = await lab.client.request<{ createApiKey: { secret: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'student laptop', memberId: addMember.id } },
    );
    const viewer = new GatewayClient({ url: platform.graphqlUrl, apiKey: createApiKey.secret });
    expect((await viewer.request<{ me: { role: string } }>('{ me { role } }')).me.role).toBe('viewer');
    await expectCode(viewer.request('mutation { addMember(input: { name: "x", role: ADMIN }) { id } }'), 'FORBIDDEN');
  });

  it("answers NOT_FOUND for another group's key, never revealing it", async () => {
    const a = await platform.newGroup();
    const b = await platform.newGroup();
    const { apiKeys } = await b.client.request<{ apiKeys: { nodes: { id: string }[] } }>('{ apiKeys { nodes { id } } }');
    const error = await expectCode(
      a.client.request('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKeys.nodes[0]?.id }),
      'NOT_FOUND',
    );
    expect(error.message).not.toContain(b.groupId);
    await expectCode(
      a.client.request('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
    );
  });

  it('answers malformed GraphQL, bad ids and too costly queries with INVALID_INPUT', async () => {
    const lab = await platform.newGroup();
    await expectCode(lab.client.request('{ me { groupId '), 'INVALID_INPUT');
    await expectCode(lab.client.request('{ nope }'), 'INVALID_INPUT');
    await expectCode(lab.client.request('mutation { revokeApiKey(id: "not-a-uuid") { id } }'), 'INVALID_INPUT');
    const tooCostly = await expectCode(lab.client.request('{ groups(first: 100000) { nodes { id } } }'), 'INVALID_INPUT');
    expect(tooCostly.details).toMatchObject({ maxCost: 20_000 });
  });

  it('reports every started service in health', async () => {
    const { health } = await platform.anonymous.request<{ health: { services: { service: string; status: string }[] } }>(
      '{ health { services { service status } } }',
    );
    expect(health.services.find((s) => s.service === 'identity')?.status).toBe('up');
    expect(health.services.find((s) => s.service === 'training')?.status).toBe('down');
  });
});
