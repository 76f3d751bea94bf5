import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPlatform, startTestPlatform } from '../harness/index.ts';
import { expectNoInternals, expectRefused, post } from './http.ts';

/** `{ me { group { a { a ... } } } }`: deeper than the limit, whatever the fields are. */
const deepQuery = (depth: number) => `{ me { group ${'{ a '.repeat(depth)}${'}'.repeat(depth)} } }`;

describe('malformed requests get typed errors with 4xx statuses and no internals (development mode)', () => {
  let platform: TestPlatform;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    const lab = await platform.newGroup('Malformed lab');
    bearer = { authorization: `Bearer ${lab.apiKey}` };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers a query over the depth limit with INVALID_INPUT, 400', async () => {
    const messages = expectRefused(await post(platform.graphqlUrl, { query: deepQuery(14) }, bearer), 'INVALID_INPUT', 400);
    expect(messages).toContain('depth limit');
  });

  it('answers a query over the cost (node) limit with INVALID_INPUT, 400', async () => {
    const answer = await post(platform.graphqlUrl, { query: '{ groups(first: 100000) { nodes { id } } }' }, bearer);
    expectRefused(answer, 'INVALID_INPUT', 400);
    expect(answer.body?.errors?.[0]?.extensions?.details).toMatchObject({ maxCost: 20_000 });
  });

  it('answers too many aliases, tokens or directives with INVALID_INPUT, 400', async () => {
    const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `m${i}: me { groupId }`).join(' ')} }`;
    expect(expectRefused(await post(platform.graphqlUrl, { query: aliases }, bearer), 'INVALID_INPUT', 400)).toContain('Aliases limit');
    const tokens = `{ me { ${'groupId '.repeat(5_000)}} }`;
    expect(expectRefused(await post(platform.graphqlUrl, { query: tokens }, bearer), 'INVALID_INPUT', 400)).toContain('tokens');
    const directives = `{ me { groupId ${'@include(if: true) '.repeat(60)}} }`;
    expect(expectRefused(await post(platform.graphqlUrl, { query: directives }, bearer), 'INVALID_INPUT', 400)).toContain('Directives limit');
  });

  it('answers a garbage page cursor with INVALID_INPUT, 400, in the gateway and in a service', async () => {
    for (const after of ['garbage', 'J2dhcmJhZ2Un', Buffer.from("yesterday|'; select 1 --").toString('base64url')]) {
      expectRefused(await post(platform.graphqlUrl, { query: 'query($after: String) { datasets(first: 5, after: $after) { nodes { id } } }', variables: { after } }, bearer), 'INVALID_INPUT', 400);
      expectRefused(await post(platform.graphqlUrl, { query: 'query($after: String) { groups(first: 5, after: $after) { nodes { id } } }', variables: { after } }, bearer), 'INVALID_INPUT', 400);
    }
  });

  it('tells a caller without a key only whether each service is up, not its version, instance or failure details', async () => {
    const query = '{ health { status services { service status version instance uptimeSeconds checks { name ok detail } } } }';
    type Health = { health: { services: { version: string | null; instance: string | null; uptimeSeconds: number | null; checks: { detail: string | null }[] }[] } };
    const anonymous = (await post(platform.graphqlUrl, { query })).body?.data as Health;
    expect(anonymous.health.services.length).toBeGreaterThan(0);
    for (const service of anonymous.health.services) {
      expect(service).toMatchObject({ version: null, instance: null, uptimeSeconds: null });
      expect(service.checks.every((check) => check.detail === null)).toBe(true);
    }
    const member = (await post(platform.graphqlUrl, { query }, bearer)).body?.data as Health;
    expect(member.health.services.some((service) => service.version !== null)).toBe(true);
  });

  it('answers a too-long or malformed bearer with UNAUTHENTICATED, 401', async () => {
    expectRefused(await post(platform.graphqlUrl, { query: '{ me { groupId } }' }, { authorization: `Bearer msk_${'x'.repeat(5_000)}` }), 'UNAUTHENTICATED', 401);
    expectRefused(await post(platform.graphqlUrl, { query: '{ me { groupId } }' }, { authorization: 'Basic abc' }), 'UNAUTHENTICATED', 401);
  });

  it('answers malformed JSON with a JSON GraphQL error, 400, never an HTML page with a stack', async () => {
    for (const body of ['{"query": "{ me { groupId } }"', 'not json at all', '{"query": 1']) {
      const answer = await post(platform.graphqlUrl, body, bearer);
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.[0]?.extensions?.code, answer.text.slice(0, 300)).toBe('INVALID_INPUT');
      expectNoInternals(answer);
    }
  });

  it('answers requests that are not one GraphQL operation (a batch, no query, a query that is not text) with INVALID_INPUT, 400', async () => {
    for (const body of [[{ query: '{ health { status } }' }, { query: '{ health { status } }' }], {}, { query: 5 }, { query: '{ me { groupId } }', variables: 'x' }]) {
      const answer = await post(platform.graphqlUrl, body, bearer);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body?.errors?.[0]?.extensions?.code, answer.text.slice(0, 300)).toBe('INVALID_INPUT');
      expectNoInternals(answer);
    }
  });

  it('answers data without a key with UNAUTHENTICATED, 401, and a viewer managing members with FORBIDDEN, 403', async () => {
    expectRefused(await post(platform.graphqlUrl, { query: '{ me { groupId } }' }), 'UNAUTHENTICATED', 401);
    const admin = await platform.newGroup();
    const { addMember } = await admin.client.request<{ addMember: { id: string } }>('mutation { addMember(input: { name: "Student", role: VIEWER }) { id } }');
    const { createApiKey } = await admin.client.request<{ createApiKey: { secret: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'viewer', memberId: addMember.id } },
    );
    expectRefused(
      await post(platform.graphqlUrl, { query: 'mutation { addMember(input: { name: "x", role: ADMIN }) { id } }' }, { authorization: `Bearer ${createApiKey.secret}` }),
      'FORBIDDEN',
      403,
    );
  });

  it('names no NATS subject when a service does not answer (training is not running here)', async () => {
    const answer = await post(platform.graphqlUrl, { query: '{ models(first: 1) { nodes { id } } }' }, bearer);
    expectRefused(answer, 'UNAVAILABLE', 503);
    expect(answer.body?.errors?.[0]?.message).toContain('training');
    const health = await post(platform.graphqlUrl, { query: '{ health { services { service status checks { detail } } } }' });
    expect(health.status).toBe(200);
    expect(health.text).toContain('training');
    expectNoInternals(health);
  });

  it('still suggests field names in development, where introspection is on', async () => {
    expect(expectRefused(await post(platform.graphqlUrl, { query: '{ helth { status } }' }), 'INVALID_INPUT', 400)).toContain('Did you mean');
  });
});

describe('malformed requests in production mode', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    // No PLATFORM_ADMIN_SECRET: in production nobody may bootstrap a group then.
    platform = await startTestPlatform(['identity'], { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('suggests no field names and refuses introspection', async () => {
    const messages = expectRefused(await post(platform.graphqlUrl, { query: '{ helth { status } }' }), 'INVALID_INPUT', 400);
    expect(messages).not.toContain('Did you mean');
    expect(messages).not.toContain('health');
    expectRefused(await post(platform.graphqlUrl, { query: '{ __schema { types { name } } }' }), 'INVALID_INPUT', 400);
  });

  it('answers malformed JSON and a too-long bearer the same way as in development', async () => {
    const answer = await post(platform.graphqlUrl, '{"query": ', {});
    expect(answer.status).toBe(400);
    expect(answer.body?.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expectNoInternals(answer);
    expectRefused(await post(platform.graphqlUrl, { query: '{ me { groupId } }' }, { authorization: `Bearer ${'y'.repeat(10_000)}` }), 'UNAUTHENTICATED', 401);
  });

  it('refuses bootstrapGroup without a platform admin secret (FORBIDDEN, 403)', async () => {
    expectRefused(await post(platform.graphqlUrl, { query: 'mutation { bootstrapGroup(input: { groupName: "Intruders" }) { apiKey } }' }), 'FORBIDDEN', 403);
  });
});
