import { type AuditEvent, decodeCursor, encodeCursor } from '@microseg/contracts';
import type { Kysely, Selectable } from '@microseg/db';
import { invalidInput } from '@microseg/errors';
import type { AuditEventsTable, IdentityDatabase } from './identity.tables.ts';

export interface AuditLogQuery {
  first: number;
  after?: string | undefined;
  operation?: string | undefined;
  memberId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

const toAuditEvent = (row: Selectable<AuditEventsTable>): AuditEvent => ({
  id: row.id,
  occurredAt: row.occurred_at.toISOString(),
  groupId: row.group_id,
  memberId: row.member_id,
  keyId: row.key_id,
  operation: row.operation,
  operationName: row.operation_name,
  targetIds: row.target_ids,
  arguments: row.arguments as Record<string, unknown>,
  outcome: row.outcome,
  errorCode: row.error_code,
  clientAddress: row.client_address,
  userAgent: row.user_agent,
  requestId: row.request_id,
});

/** The append-only audit table: this class only inserts and selects (the table refuses the rest). */
export class AuditLogRepository {
  constructor(private readonly db: Kysely<IdentityDatabase>) {}

  /** Stores an event once: a redelivered or re-published one (same id) changes nothing. */
  async append(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        id: event.id,
        occurred_at: new Date(event.occurredAt),
        group_id: event.groupId,
        member_id: event.memberId,
        key_id: event.keyId,
        operation: event.operation,
        operation_name: event.operationName,
        target_ids: event.targetIds,
        arguments: JSON.stringify(event.arguments),
        outcome: event.outcome,
        error_code: event.errorCode,
        client_address: event.clientAddress,
        user_agent: event.userAgent,
        request_id: event.requestId,
      })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }

  /** One group's events, newest first (by when they happened), a page at a time. */
  async list(groupId: string, query: AuditLogQuery): Promise<{ nodes: AuditEvent[]; endCursor: string | null; hasNextPage: boolean }> {
    let select = this.db.selectFrom('audit_events').selectAll().where('group_id', '=', groupId);
    if (query.after !== undefined) {
      const { occurredAt, seq } = parseCursor(query.after);
      select = select.where((eb) =>
        eb.or([eb('occurred_at', '<', occurredAt), eb.and([eb('occurred_at', '=', occurredAt), eb('seq', '<', seq)])]),
      );
    }
    if (query.operation) select = select.where('operation', '=', query.operation);
    if (query.memberId) select = select.where('member_id', '=', query.memberId);
    if (query.since) select = select.where('occurred_at', '>=', new Date(query.since));
    if (query.until) select = select.where('occurred_at', '<', new Date(query.until));
    const rows = await select.orderBy('occurred_at', 'desc').orderBy('seq', 'desc').limit(query.first + 1).execute();
    const page = rows.slice(0, query.first);
    const last = page.at(-1);
    return {
      nodes: page.map(toAuditEvent),
      endCursor: last ? encodeCursor(`${last.occurred_at.toISOString()}|${last.seq}`) : null,
      hasNextPage: rows.length > query.first,
    };
  }
}

/** The last event of a page: its time (milliseconds, as stored from the gateway) and sequence number. */
function parseCursor(cursor: string): { occurredAt: Date; seq: string } {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([1-9]\d{0,18})$/.exec(decodeCursor(cursor));
  const occurredAt = match ? new Date(match[1] ?? '') : undefined;
  if (!match?.[2] || !occurredAt || Number.isNaN(occurredAt.getTime())) {
    throw invalidInput('not a cursor of the audit log', { problem: 'bad-cursor', after: cursor });
  }
  return { occurredAt, seq: match[2] };
}
