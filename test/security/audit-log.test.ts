import { randomUUID } from 'node:crypto';
import { GatewayClient } from '@microseg/cli';
import { auditJobs } from '@microseg/contracts';
import { publishJob } from '@microseg/messaging';
import { createClient } from 'graphql-ws/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { microsegJson } from '../datasets/cli.ts';
import { type TestPlatform, startTestPlatform, expectCode } from '../harness/index.ts';

interface AuditEvent {
  id: string;
  occurredAt: string;
  memberId: string | null;
  keyId: string | null;
  operation: string;
  operationName: string | null;
  targetIds: string[];
  arguments: Record<string, unknown>;
  outcome: 'ok' | 'error';
  errorCode: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string;
}

const AUDIT_LOG = `query($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    nodes { id occurredAt memberId keyId operation operationName targetIds arguments outcome errorCode clientAddress userAgent requestId }
    pageInfo { endCursor hasNextPage }
  }
}`;

type Page = { auditLog: { nodes: AuditEvent[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

/** The audit log fills asynchronously (gateway -> audit stream -> identity): wait until `ready` holds. */
async function auditLogWhen(client: GatewayClient, ready: (events: AuditEvent[]) => boolean, filter: Record<string, unknown> = {}): Promise<AuditEvent[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { auditLog } = await client.request<Page>(AUDIT_LOG, { first: 100, filter });
    if (ready(auditLog.nodes)) return auditLog.nodes;
    if (Date.now() > deadline) throw new Error(`audit log not as expected: ${JSON.stringify(auditLog.nodes.map((e) => e.operation))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const classes = [
  { index: 0, name: 'background', color: '#000000' },
  { index: 1, name: 'oxide', color: '#0000ff' },
];

describe('audit log: every mutation recorded append-only, read by admins (gateway -> JetStream -> identity)', () => {
  let platform: TestPlatform;
  let lab: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let other: Awaited<ReturnType<TestPlatform['newGroup']>>;
  let adminKeyId: string;
  let adminMemberId: string;
  const PLATFORM_SECRET_SENT = 'never-in-the-audit-log-0123456789';

  beforeAll(async () => {
    platform = await startTestPlatform(['identity', 'dataset']);
    // Bootstrapped by hand to send a platform secret the log must not keep.
    const { bootstrapGroup } = await platform.anonymous.request<{ bootstrapGroup: { group: { id: string }; apiKey: string } }>(
      'mutation Bootstrap($input: BootstrapGroupInput!) { bootstrapGroup(input: $input) { group { id } apiKey } }',
      { input: { groupName: `audited ${platform.infrastructure.runId}`, platformSecret: PLATFORM_SECRET_SENT } },
    );
    lab = { groupId: bootstrapGroup.group.id, apiKey: bootstrapGroup.apiKey, client: new GatewayClient({ url: platform.graphqlUrl, apiKey: bootstrapGroup.apiKey }) };
    other = await platform.newGroup();
    const { me, apiKeys: keys } = await lab.client.request<{ me: { memberId: string }; apiKeys: { nodes: { id: string }[] } }>('{ me { memberId } apiKeys { nodes { id } } }');
    const apiKeys = keys.nodes;
    adminMemberId = me.memberId;
    adminKeyId = apiKeys[0]?.id ?? '';
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('records who, when, what and from where for keys, shares, deletes and a failing mutation', async () => {
    const started = new Date().toISOString();
    const headers = { 'user-agent': 'audit-test/1.0', 'x-request-id': `audit-${platform.infrastructure.runId}` };
    const { createApiKey } = await lab.client.request<{ createApiKey: { key: { id: string } } }>(
      'mutation CreateLimsKey { createApiKey(input: { name: "LIMS" }) { key { id } } }',
      {},
      headers,
    );
    const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
      { input: { name: 'Audited', classes } },
      headers,
    );
    await lab.client.request(
      'mutation Share($id: ID!, $input: UpdateDatasetInput!) { updateDataset(id: $id, input: $input) { id } }',
      { id: createDataset.id, input: { visibility: { level: 'shared', sharedWith: [other.groupId] } } },
      headers,
    );
    await lab.client.request('mutation Delete($id: ID!) { deleteDataset(id: $id) { id } }', { id: createDataset.id }, headers);
    const missingKey = '00000000-0000-4000-8000-00000000dead';
    await expectCode(lab.client.request('mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id } }', { id: missingKey }, headers), 'NOT_FOUND');

    const events = await auditLogWhen(lab.client, (list) => list.length >= 5, { since: started });
    // Newest first.
    expect(events.map((e) => e.operation)).toEqual(['revokeApiKey', 'deleteDataset', 'updateDataset', 'createDataset', 'createApiKey']);
    for (const event of events) {
      expect(event).toMatchObject({ memberId: adminMemberId, keyId: adminKeyId, userAgent: 'audit-test/1.0', requestId: headers['x-request-id'] });
      expect(event.clientAddress).toMatch(/127\.0\.0\.1|::1/);
      expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(Date.parse(started));
    }
    const [revoke, remove, share, create, key] = events;
    expect(revoke).toMatchObject({ outcome: 'error', errorCode: 'NOT_FOUND', targetIds: [missingKey], operationName: 'Revoke' });
    expect(remove).toMatchObject({ outcome: 'ok', errorCode: null, targetIds: [createDataset.id] });
    expect(share?.arguments).toMatchObject({ id: createDataset.id, input: { visibility: { level: 'shared', sharedWith: [other.groupId] } } });
    expect(create?.targetIds).toEqual([createDataset.id]);
    expect(key).toMatchObject({ operationName: 'CreateLimsKey', arguments: { input: { name: 'LIMS' } }, targetIds: [createApiKey.key.id] });
  });

  it('files the bootstrap under the new group, with the platform secret redacted', async () => {
    const [bootstrap] = await auditLogWhen(lab.client, (list) => list.length > 0, { operation: 'bootstrapGroup' });
    expect(bootstrap).toMatchObject({ operation: 'bootstrapGroup', memberId: null, keyId: null, outcome: 'ok' });
    expect(bootstrap?.targetIds).toContain(lab.groupId);
    expect(bootstrap?.arguments).toMatchObject({ input: { platformSecret: '[redacted]' } });
    expect(JSON.stringify(bootstrap)).not.toContain(PLATFORM_SECRET_SENT);
  });

  it('pages and filters by operation, member and time', async () => {
    const all = await auditLogWhen(lab.client, (list) => list.length >= 6);
    const first = await lab.client.request<Page>(AUDIT_LOG, { first: 2 });
    expect(first.auditLog.nodes.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const second = await lab.client.request<Page>(AUDIT_LOG, { first: 2, after: first.auditLog.pageInfo.endCursor });
    expect(second.auditLog.nodes.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));

    const deletes = await lab.client.request<Page>(AUDIT_LOG, { filter: { operation: 'deleteDataset' } });
    expect(deletes.auditLog.nodes.map((e) => e.operation)).toEqual(['deleteDataset']);
    const byMember = await lab.client.request<Page>(AUDIT_LOG, { filter: { memberId: adminMemberId } });
    expect(byMember.auditLog.nodes.every((e) => e.memberId === adminMemberId)).toBe(true);
    const future = await lab.client.request<Page>(AUDIT_LOG, { filter: { since: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(future.auditLog.nodes).toEqual([]);
    const past = await lab.client.request<Page>(AUDIT_LOG, { filter: { until: all.at(-1)?.occurredAt } });
    expect(past.auditLog.nodes).toEqual([]);
    await expectCode(lab.client.request(AUDIT_LOG, { after: 'garbage!' }), 'INVALID_INPUT');
  });

  it('shows a group only its own events', async () => {
    const { auditLog } = await other.client.request<Page>(AUDIT_LOG, {});
    expect(auditLog.nodes.every((e) => e.operation === 'bootstrapGroup')).toBe(true);
    expect(JSON.stringify(auditLog.nodes)).not.toContain(lab.groupId);
  });

  it('refuses members and viewers with FORBIDDEN, and records the refused mutations of a member', async () => {
    const clients: GatewayClient[] = [];
    for (const role of ['member', 'viewer']) {
      const { addMember } = await lab.client.request<{ addMember: { id: string } }>(
        'mutation($input: AddMemberInput!) { addMember(input: $input) { id } }',
        { input: { name: `a ${role}`, role } },
      );
      const { createApiKey } = await lab.client.request<{ createApiKey: { secret: string } }>(
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
        { input: { name: `${role} laptop`, memberId: addMember.id } },
      );
      const client = new GatewayClient({ url: platform.graphqlUrl, apiKey: createApiKey.secret });
      clients.push(client);
      await expectCode(client.request(AUDIT_LOG, {}), 'FORBIDDEN');
    }
    await expectCode(clients[1]!.request('mutation { addMember(input: { name: "x", role: ADMIN }) { id } }'), 'FORBIDDEN');
    const addMembers = await auditLogWhen(lab.client, (list) => list.some((e) => e.outcome === 'error'), { operation: 'addMember' });
    const refused = addMembers.find((e) => e.outcome === 'error');
    expect(refused).toMatchObject({ operation: 'addMember', errorCode: 'FORBIDDEN', arguments: { input: { name: 'x', role: 'admin' } } });
  });

  it('leaves no way around it: mutations are refused on the WebSocket', async () => {
    const ws = createClient({
      url: platform.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${lab.apiKey}` },
    });
    try {
      const result = await new Promise<{ code: unknown; data: unknown }>((resolve) => {
        ws.subscribe(
          { query: 'mutation { renameGroup(name: "over the socket") { id } }' },
          {
            next: ({ data, errors }) => resolve({ data, code: errors?.[0]?.extensions?.['code'] }),
            error: (errors) => resolve({ data: undefined, code: (errors as { extensions?: { code?: string } }[])[0]?.extensions?.code }),
            complete: () => resolve({ data: undefined, code: undefined }),
          },
        );
      });
      expect(result).toEqual({ data: undefined, code: 'INVALID_INPUT' });
      const { me } = await lab.client.request<{ me: { groupName: string } }>('{ me { groupName } }');
      expect(me.groupName).not.toBe('over the socket');
    } finally {
      await ws.dispose();
    }
  });

  it('lists the log from the CLI', async () => {
    const events = await microsegJson<AuditEvent[]>(platform.graphqlUrl, lab.apiKey, ['audit', 'list', '--operation', 'deleteDataset', '--since', '1h']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: 'deleteDataset', outcome: 'ok', memberId: adminMemberId });
  });

  it('stores a record delivered twice once (the consumer is idempotent on the event id)', async () => {
    const nc = await platform.infrastructure.connectNats('audit-test');
    try {
      const event = {
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        groupId: lab.groupId,
        memberId: adminMemberId,
        keyId: adminKeyId,
        operation: 'renameGroup',
        operationName: null,
        targetIds: [],
        arguments: { name: 'twice' },
        outcome: 'ok' as const,
        errorCode: null,
        clientAddress: null,
        userAgent: null,
        requestId: 'twice',
      };
      // Two message ids: past the stream's duplicate window, as after a gateway retry much later.
      await publishJob(nc.jetstream(), auditJobs.record, event, { msgId: `${event.id}-a` });
      await publishJob(nc.jetstream(), auditJobs.record, event, { msgId: `${event.id}-b` });
      const marker = await lab.client.request<{ renameGroup: { id: string } }>('mutation { renameGroup(name: "audited again") { id } }');
      expect(marker.renameGroup.id).toBe(lab.groupId);
      const renames = await auditLogWhen(
        lab.client,
        (list) => list.some((e) => e.arguments['name'] === 'audited again') && list.some((e) => e.id === event.id),
        { operation: 'renameGroup' },
      );
      expect(renames.filter((e) => e.id === event.id)).toHaveLength(1);
    } finally {
      await nc.close();
    }
  });

  it('can be changed by nothing: no mutation in the API, and PostgreSQL refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { __schema } = await lab.client.request<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
    );
    expect(__schema.mutationType.fields.map((f) => f.name).filter((name) => /audit/i.test(name))).toEqual([]);

    const db = new pg.Client({ connectionString: platform.infrastructure.databaseUrl });
    await db.connect();
    try {
      const before = await db.query<{ n: string }>('select count(*) as n from identity.audit_events');
      expect(Number(before.rows[0]?.n)).toBeGreaterThan(0);
      for (const statement of [
        "update identity.audit_events set operation = 'nothing'",
        'delete from identity.audit_events',
        'truncate identity.audit_events',
      ]) {
        await expect(db.query(statement), statement).rejects.toThrow(/append-only/);
      }
      const after = await db.query<{ n: string; changed: string }>(
        "select count(*) as n, count(*) filter (where operation = 'nothing') as changed from identity.audit_events",
      );
      expect(after.rows[0]).toEqual({ n: before.rows[0]?.n, changed: '0' });
      // The owning role (the service's) gave up the privileges too: only a superuser bypasses them.
      const granted = await db.query<{ privilege_type: string }>(
        "select (aclexplode(relacl)).privilege_type from pg_class where oid = 'identity.audit_events'::regclass",
      );
      expect(granted.rows.map((row) => row.privilege_type).sort()).toEqual(['INSERT', 'REFERENCES', 'SELECT', 'TRIGGER']);
    } finally {
      await db.end();
    }
  });
});
