import type { ApolloServerPlugin } from '@apollo/server';
import { type AuditEvent, auditJobs } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { publishJob } from '@microseg/messaging';
import { OperationTypeNode } from 'graphql';
import type { JetStreamClient } from 'nats';
import { Counter, type Registry } from 'prom-client';
import { type MutationOutcome, auditEventOf, errorCodeOf } from '../audit/audit-record.ts';
import { rootFieldsOf } from '../authorization/authorize-operation.ts';
import type { GatewayContext } from '../context.ts';

/**
 * The audit log's source (issue 15, item 9): every root Mutation field a caller ran, or was
 * refused before it ran, becomes an audit event on the audit stream. The response waits for the
 * stream's acknowledgement, so a mutation the caller saw answered is never missing from the log
 * without a loud error and a counted failure.
 */
export function auditPlugin(options: { js: JetStreamClient; logger: Logger; registry: Registry }): ApolloServerPlugin<GatewayContext> {
  const failures = new Counter({
    name: 'microseg_audit_publish_failures_total',
    help: 'Audit events the gateway could not store on the audit stream',
    registers: [options.registry],
  });
  const publish = async (event: AuditEvent) => {
    // The event id is the Nats-Msg-Id: a second attempt after a lost acknowledgement is stored once.
    for (let attempt = 1; ; attempt++) {
      try {
        await publishJob(options.js, auditJobs.record, event, { msgId: event.id });
        return;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  };

  return {
    async requestDidStart({ contextValue }) {
      const outcomes: MutationOutcome[] = [];
      return {
        async executionDidStart({ operation }) {
          if (operation.operation !== OperationTypeNode.MUTATION) return;
          return {
            willResolveField({ info, args }) {
              if (info.path.prev !== undefined) return;
              const occurredAt = new Date();
              return (error, result) => {
                outcomes.push({
                  field: info.fieldName,
                  args,
                  occurredAt,
                  ...(error ? { errorCode: errorCodeOf(error) } : { result }),
                });
              };
            },
          };
        },
        async willSendResponse({ operation, operationName, document, errors }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          // Refused before execution (scopes, trusted documents, cost): each field it asked for, with the refusal's code.
          if (outcomes.length === 0 && errors?.length && document) {
            const errorCode = errorCodeOf(errors[0]);
            for (const field of rootFieldsOf(document, operation)) {
              if (!field.startsWith('__')) outcomes.push({ field, args: {}, occurredAt: new Date(), errorCode });
            }
          }
          const origin = {
            requestId: contextValue.requestId,
            operationName: operationName ?? null,
            clientAddress: contextValue.client.address,
            userAgent: contextValue.client.userAgent,
          };
          const events = outcomes
            .map((outcome) => auditEventOf(contextValue.principal, outcome, origin))
            .filter((event): event is AuditEvent => event !== undefined);
          const results = await Promise.allSettled(events.map(publish));
          results.forEach((result, index) => {
            if (result.status === 'fulfilled') return;
            failures.inc();
            options.logger.error(
              { err: result.reason, auditEvent: events[index] },
              'AUDIT EVENT NOT STORED: a mutation ran without its audit record',
            );
          });
        },
      };
    },
  };
}
