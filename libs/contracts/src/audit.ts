import { defineJob, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from './pagination.ts';
import { AUDIT_STREAM } from './streams.ts';

const id = z.string().uuid();

/**
 * One mutation as the gateway saw it: who (group, member, key), when, what (the root field, the
 * ids it named or made, its arguments with secrets redacted, the outcome) and from where.
 */
export const auditEventSchema = z.object({
  /** Made by the gateway; the Nats-Msg-Id and the table's key, so a record is stored once. */
  id,
  occurredAt: z.iso.datetime(),
  /** Whose log it is in: the caller's group (the new group for a bootstrap). */
  groupId: id,
  /** Null for an anonymous bootstrap. */
  memberId: id.nullable(),
  keyId: id.nullable(),
  /** The Mutation field, e.g. `createApiKey`. */
  operation: z.string().min(1).max(100),
  /** The client's GraphQL operation name. */
  operationName: z.string().max(200).nullable(),
  targetIds: z.array(z.string().max(200)).max(50),
  arguments: z.record(z.string(), z.unknown()),
  outcome: z.enum(['ok', 'error']),
  errorCode: z.string().max(40).nullable(),
  clientAddress: z.string().max(100).nullable(),
  userAgent: z.string().max(500).nullable(),
  requestId: z.string().max(100),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditJobs = {
  /** Published by the gateway (ack awaited before it answers), stored by the identity service. */
  record: defineJob({ subject: 'microseg.audit.v1.recorded', stream: AUDIT_STREAM.name, schema: auditEventSchema }),
} as const;

export const auditContracts = {
  /** The caller's group's audit log, newest first: admins only. */
  list: defineRequest({
    subject: 'microseg.identity.v1.audit.list',
    request: pageRequestSchema.extend({
      operation: z.string().min(1).max(100).optional(),
      memberId: id.optional(),
      since: z.iso.datetime().optional(),
      until: z.iso.datetime().optional(),
    }),
    response: pageSchema(auditEventSchema),
  }),
} as const;
