import type { Command } from 'commander';
import { clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';
import { parseTimeOption } from './time-option.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const AUDIT_LOG = `query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    nodes {
      id occurredAt memberId keyId operation operationName targetIds arguments
      outcome errorCode clientAddress userAgent requestId
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface AuditEvent {
  id: string;
  occurredAt: string;
  memberId: string | null;
  keyId: string | null;
  operation: string;
  operationName: string | null;
  targetIds: string[];
  arguments: unknown;
  outcome: 'ok' | 'error';
  errorCode: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string;
}

interface AuditPage {
  auditLog: { nodes: AuditEvent[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/** `audit list`: the group's audit log (admins), newest first. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description("your group's audit log (admins)");
  audit
    .command('list')
    .description('mutations of your group, newest first: who, when, what, from where')
    .option('--operation <name>', 'only this mutation, e.g. deleteDataset')
    .option('--member <id>', "only this member's")
    .option('--since <when>', 'from this time: ISO date/time or a duration back from now (24h, 7d)')
    .option('--until <when>', 'before this time: ISO date/time or a duration back from now')
    .option('--limit <n>', 'at most this many events', '100')
    .option('--json', 'print JSON')
    .action(async (options: { operation?: string; member?: string; since?: string; until?: string; limit: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const limit = Math.max(1, Number.parseInt(options.limit, 10) || 100);
      const filter = {
        ...(options.operation ? { operation: options.operation } : {}),
        ...(options.member ? { memberId: options.member } : {}),
        ...(options.since ? { since: parseTimeOption(options.since, '--since', 'ago') } : {}),
        ...(options.until ? { until: parseTimeOption(options.until, '--until', 'ago') } : {}),
      };
      const client = clientFromOptions(globals);
      const events: AuditEvent[] = [];
      let after: string | null = null;
      do {
        const { auditLog }: AuditPage = await client.request<AuditPage>(AUDIT_LOG, {
          first: Math.min(500, limit - events.length),
          after,
          filter,
        });
        events.push(...auditLog.nodes);
        after = auditLog.pageInfo.hasNextPage ? auditLog.pageInfo.endCursor : null;
      } while (after && events.length < limit);
      printResult(globals, events, (list) =>
        list.length === 0
          ? 'no audit events'
          : list
              .map((e) =>
                [
                  e.occurredAt,
                  e.outcome === 'ok' ? 'ok   ' : (e.errorCode ?? 'error'),
                  e.operation,
                  e.targetIds.join(',') || '-',
                  `member ${e.memberId ?? '-'}`,
                  `from ${e.clientAddress ?? '-'}`,
                ].join('  '),
              )
              .join('\n'),
      );
    });
}
