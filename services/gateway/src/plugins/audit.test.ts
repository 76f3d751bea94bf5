import { ApolloServer } from '@apollo/server';
import { type AuditEvent, auditJobs } from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { silentLogger } from '@microseg/logging';
import type { JetStreamClient } from 'nats';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import type { GatewayContext } from '../context.ts';
import { auditPlugin } from './audit.ts';

const principal = {
  groupId: '00000000-0000-4000-8000-000000000001',
  groupName: 'lab',
  memberId: '00000000-0000-4000-8000-000000000002',
  keyId: '00000000-0000-4000-8000-000000000003',
  role: 'admin' as const,
};

const context = {
  requestId: 'req-1',
  principal,
  client: { address: '10.0.0.7', userAgent: 'LIMS/2' },
} as unknown as GatewayContext;

/** A JetStream client that records publishes and answers each with `answer`. */
function fakeJetStream(answer: () => Promise<unknown>) {
  const published: { subject: string; event: AuditEvent; msgId: string | undefined }[] = [];
  const js = {
    publish: vi.fn(async (subject: string, data: Uint8Array, options: { msgID?: string }) => {
      published.push({ subject, event: JSON.parse(new TextDecoder().decode(data)) as AuditEvent, msgId: options.msgID });
      await answer();
      return { stream: 'MICROSEG_AUDIT', seq: published.length, duplicate: false };
    }),
  } as unknown as JetStreamClient;
  return { js, published };
}

async function server(js: JetStreamClient, registry: Registry, logger = silentLogger) {
  const apollo = new ApolloServer<GatewayContext>({
    typeDefs: 'type Query { ok: Boolean } type Mutation { deleteDataset(id: ID!): Boolean renameGroup(name: String!): Boolean }',
    resolvers: {
      Mutation: {
        deleteDataset: () => true,
        renameGroup: () => {
          throw new MicroSegError('FORBIDDEN', 'admins only');
        },
      },
    },
    plugins: [auditPlugin({ js, logger, registry })],
  });
  await apollo.start();
  return apollo;
}

describe('auditPlugin', () => {
  it('publishes one event per root mutation field, with its id as Nats-Msg-Id, before the response goes out', async () => {
    let release!: () => void;
    const acked = new Promise<void>((resolve) => (release = resolve));
    const { js, published } = fakeJetStream(() => acked);
    const apollo = await server(js, new Registry());
    let answered = false;
    const response = apollo
      .executeOperation({ query: 'mutation M { deleteDataset(id: "d1") renameGroup(name: "x") }' }, { contextValue: context })
      .then((result) => {
        answered = true;
        return result;
      });
    await vi.waitFor(() => expect(published).toHaveLength(2));
    expect(answered).toBe(false);
    release();
    await response;
    expect(published.map((p) => p.subject)).toEqual([auditJobs.record.subject, auditJobs.record.subject]);
    expect(published.map((p) => p.msgId)).toEqual(published.map((p) => p.event.id));
    expect(published.map((p) => p.event)).toMatchObject([
      { operation: 'deleteDataset', outcome: 'ok', targetIds: ['d1'], operationName: 'M', clientAddress: '10.0.0.7', userAgent: 'LIMS/2', requestId: 'req-1' },
      { operation: 'renameGroup', outcome: 'error', errorCode: 'FORBIDDEN', arguments: { name: 'x' } },
    ]);
    await apollo.stop();
  });

  it('records nothing for queries', async () => {
    const { js, published } = fakeJetStream(async () => undefined);
    const apollo = await server(js, new Registry());
    await apollo.executeOperation({ query: '{ ok }' }, { contextValue: context });
    expect(published).toEqual([]);
    await apollo.stop();
  });

  it('answers anyway when the stream cannot store the event, but logs it loudly and counts it', async () => {
    const { js } = fakeJetStream(() => Promise.reject(new Error('no JetStream')));
    const registry = new Registry();
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (...args: unknown[]) => errors.push(args) } as unknown as typeof silentLogger;
    const apollo = await server(js, registry, logger);
    const result = await apollo.executeOperation({ query: 'mutation { deleteDataset(id: "d1") }' }, { contextValue: context });
    expect(result.body.kind === 'single' && result.body.singleResult.data).toEqual({ deleteDataset: true });
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('AUDIT EVENT NOT STORED');
    expect(await registry.getSingleMetricAsString('microseg_audit_publish_failures_total')).toMatch(/ 1$/m);
    await apollo.stop();
  });
});
