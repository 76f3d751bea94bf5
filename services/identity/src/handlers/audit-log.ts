import { type PrincipalTokens, auditContracts, auditJobs, requireRole } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, type Worker, runWorker, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { AuditLogRepository } from '../audit-log.repository.ts';

/** The audit log: read by the group's admins; written only from the gateway's audit stream. */
export function serveAuditLog(nc: NatsConnection, deps: { audit: AuditLogRepository; logger: Logger; principals: PrincipalTokens }): RequestServer[] {
  return [
    serveAuthenticated(
      nc,
      auditContracts.list,
      async (query, { principal }) => {
        requireRole(principal, 'admin');
        return deps.audit.list(principal.groupId, query);
      },
      { logger: deps.logger, verifier: deps.principals },
    ),
  ];
}

/**
 * Stores every audit event the gateways publish. Acked only once the row is committed; the insert
 * ignores an id it already holds, so redeliveries store nothing twice.
 */
export async function startAuditRecorder(
  nc: NatsConnection,
  deps: { audit: AuditLogRepository; logger: Logger },
): Promise<Worker> {
  return runWorker({
    js: nc.jetstream(),
    nc,
    contract: auditJobs.record,
    consumer: 'identity_audit_recorder',
    handler: (event) => deps.audit.append(event),
    concurrency: 8,
    // A record waits out a database outage of about a day (60 s between tries) instead of going to
    // the dead letters after the default five; the stream keeps it a month either way.
    maxDeliver: 1_500,
    logger: deps.logger,
  });
}
