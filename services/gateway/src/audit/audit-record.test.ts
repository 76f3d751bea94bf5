import { MicroSegError } from '@microseg/errors';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { auditEventOf, errorCodeOf, redactArguments, targetIdsOf } from './audit-record.ts';

const principal = {
  groupId: '00000000-0000-4000-8000-000000000001',
  groupName: 'lab',
  memberId: '00000000-0000-4000-8000-000000000002',
  keyId: '00000000-0000-4000-8000-000000000003',
  role: 'admin' as const,
};
const origin = { requestId: 'r1', operationName: 'Op', clientAddress: '127.0.0.1', userAgent: 'LIMS/1.0' };

describe('audit records', () => {
  it('redact secrets at any depth and bound sizes', () => {
    const redacted = redactArguments({
      input: { groupName: 'lab', platformSecret: 'hunter2hunter2hunter2', nested: { apiKey: 'msk_x', webhookSecret: 's' } },
      note: 'x'.repeat(2_000),
    });
    expect(JSON.stringify(redacted)).not.toMatch(/hunter2|msk_x/);
    expect(redacted).toMatchObject({ input: { platformSecret: '[redacted]', nested: { apiKey: '[redacted]', webhookSecret: '[redacted]' } } });
    expect((redacted['note'] as string).length).toBeLessThan(600);
    expect(redactArguments({ metadata: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'.repeat(400)])) })).toMatchObject({ truncated: true });
  });

  it('keep the host and path of URLs, never their query or credentials', () => {
    const redacted = redactArguments({
      input: { url: 'https://user:pw@lims.example.org/hooks/microseg?token=abc123&x=1', plain: 'https://lims.example.org/hooks' },
    });
    expect(redacted).toEqual({ input: { url: 'https://redacted@lims.example.org/hooks/microseg?redacted', plain: 'https://lims.example.org/hooks' } });
  });

  it('name the ids a mutation was given and made', () => {
    expect(targetIdsOf({ id: 'd1' }, { id: 'd1', deletedAt: 'now' })).toEqual(['d1']);
    expect(targetIdsOf({ input: { name: 'LIMS', memberId: 'm1' } }, { secret: 's', key: { id: 'k1' } })).toEqual(['m1', 'k1']);
    expect(targetIdsOf({ input: { datasetId: 'd', train: ['i1'] } }, null)).toEqual(['d']);
  });

  it('keep the stable code of a failure', () => {
    expect(errorCodeOf(new MicroSegError('NOT_FOUND', 'x'))).toBe('NOT_FOUND');
    expect(errorCodeOf(new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } }))).toBe('FORBIDDEN');
    expect(errorCodeOf(new TypeError('boom'))).toBe('INTERNAL');
  });

  it('file a caller mutation under its group, and an anonymous one only under the group it made', () => {
    const event = auditEventOf(principal, { field: 'deleteDataset', args: { id: 'd1' }, occurredAt: new Date(0), errorCode: 'NOT_FOUND' }, origin);
    expect(event).toMatchObject({
      groupId: principal.groupId,
      memberId: principal.memberId,
      keyId: principal.keyId,
      operation: 'deleteDataset',
      operationName: 'Op',
      targetIds: ['d1'],
      outcome: 'error',
      errorCode: 'NOT_FOUND',
      clientAddress: '127.0.0.1',
      userAgent: 'LIMS/1.0',
      requestId: 'r1',
    });
    const made = { group: { id: '00000000-0000-4000-8000-000000000009' }, apiKey: 'msk_secret' };
    const bootstrap = auditEventOf(undefined, { field: 'bootstrapGroup', args: { input: { groupName: 'x' } }, occurredAt: new Date(0), result: made }, origin);
    expect(bootstrap).toMatchObject({ groupId: made.group.id, memberId: null, outcome: 'ok' });
    expect(auditEventOf(undefined, { field: 'createDataset', args: {}, occurredAt: new Date(0), errorCode: 'UNAUTHENTICATED' }, origin)).toBeUndefined();
  });
});
