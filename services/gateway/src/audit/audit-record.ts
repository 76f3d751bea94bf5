import { randomUUID } from 'node:crypto';
import type { AuditEvent, Principal } from '@microseg/contracts';
import { isErrorCode, isMicroSegError } from '@microseg/errors';
import { GraphQLError } from 'graphql';

/** Argument names whose values never reach the audit log (platform secret, webhook secrets...). */
const SECRET_NAME = /secret|password|token|api_?key|authorization|signature/i;
const MAX_STRING = 500;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;
const MAX_ARGUMENTS_BYTES = 16_384;

/** A copy of a mutation's arguments fit for the audit log: secrets redacted, sizes bounded. */
export function redactArguments(args: Record<string, unknown>): Record<string, unknown> {
  const redacted = redact(args, 0) as Record<string, unknown>;
  const size = Buffer.byteLength(JSON.stringify(redacted));
  // Metadata maps can be large; the log keeps who did what to which ids, not every byte sent.
  return size > MAX_ARGUMENTS_BYTES ? { truncated: true, bytes: size } : redacted;
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const text = redactUrl(value);
    return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, SECRET_NAME.test(name) ? '[redacted]' : redact(item, depth + 1)]),
  );
}

/** LIMS webhook URLs often carry a token in their query or user info: the log keeps where, not how. */
function redactUrl(value: string): string {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return value;
  const url = new URL(value);
  if (!url.username && !url.password && !url.search) return value;
  url.username = url.username ? 'redacted' : '';
  url.password = '';
  url.search = url.search ? '?redacted' : '';
  return url.toString();
}

/**
 * The ids a mutation named or made: argument values named `id`, `…Id` or `…Ids`, and the `id` of
 * its result and of the result's objects one level down (`createApiKey` -> `key.id`).
 */
export function targetIdsOf(args: Record<string, unknown>, result: unknown): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) ids.add(value);
  };
  const fromArguments = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 3) return;
    for (const [name, item] of Object.entries(value)) {
      if (name === 'id' || name.endsWith('Id')) add(item);
      else if (name.endsWith('Ids') && Array.isArray(item)) item.forEach(add);
      else if (item && typeof item === 'object' && !Array.isArray(item)) fromArguments(item, depth + 1);
    }
  };
  fromArguments(args, 0);
  if (result && typeof result === 'object') {
    add((result as { id?: unknown }).id);
    for (const item of Object.values(result)) {
      if (item && typeof item === 'object' && !Array.isArray(item)) add((item as { id?: unknown }).id);
    }
  }
  return [...ids].slice(0, 50);
}

/** The stable code of a failed field: a MicroSegError's, a GraphQL error's code, else INTERNAL. */
export function errorCodeOf(error: unknown): string {
  if (isMicroSegError(error)) return error.code;
  if (error instanceof GraphQLError) {
    if (isMicroSegError(error.originalError)) return error.originalError.code;
    const code = error.extensions['code'];
    if (isErrorCode(code)) return code;
  }
  return 'INTERNAL';
}

export interface MutationOutcome {
  field: string;
  args: Record<string, unknown>;
  occurredAt: Date;
  /** The resolver's result (ok) or the error code (failed). */
  result?: unknown;
  errorCode?: string;
}

export interface RequestOrigin {
  requestId: string;
  operationName: string | null;
  clientAddress: string | undefined;
  userAgent: string | undefined;
}

/**
 * The audit event of one root mutation field, or undefined for an anonymous one whose group is
 * unknown (nobody could read it, and a flood of them would cost storage for nothing). An anonymous
 * bootstrap is filed under the group it made.
 */
export function auditEventOf(principal: Principal | undefined, outcome: MutationOutcome, origin: RequestOrigin): AuditEvent | undefined {
  const groupId = principal?.groupId ?? madeGroupId(outcome.result);
  if (!groupId) return undefined;
  return {
    id: randomUUID(),
    occurredAt: outcome.occurredAt.toISOString(),
    groupId,
    memberId: principal?.memberId ?? null,
    keyId: principal?.keyId ?? null,
    operation: outcome.field.slice(0, 100),
    operationName: origin.operationName?.slice(0, 200) ?? null,
    targetIds: targetIdsOf(outcome.args, outcome.result),
    arguments: redactArguments(outcome.args),
    outcome: outcome.errorCode ? 'error' : 'ok',
    errorCode: outcome.errorCode ?? null,
    clientAddress: origin.clientAddress?.slice(0, 100) ?? null,
    userAgent: origin.userAgent?.slice(0, 500) ?? null,
    requestId: origin.requestId,
  };
}

function madeGroupId(result: unknown): string | undefined {
  const group = (result as { group?: { id?: unknown } } | null | undefined)?.group;
  return typeof group?.id === 'string' ? group.id : undefined;
}
