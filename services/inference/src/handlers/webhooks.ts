import { randomBytes } from 'node:crypto';
import { type PrincipalTokens, webhookContracts as c } from '@microseg/contracts';
import { MicroSegError, notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import type { OutboundPolicy } from '@microseg/network-policy';
import { type IdempotencyRecords, type RequestServer, idempotent, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { WebhookRepository } from '../webhook.repository.ts';

export function serveWebhooks(
  nc: NatsConnection,
  deps: { webhooks: WebhookRepository; outboundPolicy: OutboundPolicy; idempotency: IdempotencyRecords; logger: Logger; principals: PrincipalTokens },
): RequestServer[] {
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.createWebhook, (input, { headers, principal }) => {
      if (principal.role === 'viewer') throw new MicroSegError('FORBIDDEN', 'webhooks send the group\'s results out: members and admins only');
      // A literal address that may never be reached is refused now; host names are judged at each delivery.
      deps.outboundPolicy.assertAllowedAtCreation(input.url);
      // A retry with the key answers the same webhook and secret: the first call's secret may never have reached the client.
      return idempotent(deps.idempotency, { headers, principal, operation: 'createWebhook', input }, async () => {
        const secret = `whsec_${randomBytes(32).toString('hex')}`;
        const webhook = await deps.webhooks.create({ groupId: principal.groupId, url: input.url, events: [...new Set(input.events)], secret, createdBy: principal.memberId });
        return { webhook, secret };
      });
    }, options),
    serveAuthenticated(nc, c.listWebhooks, async (_input, { principal }) => ({ webhooks: await deps.webhooks.list(principal.groupId) }), options),
    serveAuthenticated(nc, c.deleteWebhook, (input, { headers, principal }) => {
      if (principal.role === 'viewer') throw new MicroSegError('FORBIDDEN', 'members and admins only');
      return idempotent(deps.idempotency, { headers, principal, operation: 'deleteWebhook', input }, async () => {
        const deleted = await deps.webhooks.delete(input.id, principal.groupId);
        if (!deleted) throw notFound('webhook', input.id);
        return deleted;
      });
    }, options),
    serveAuthenticated(nc, c.listDeliveries, (filter, { principal }) => {
      return deps.webhooks.deliveries(principal.groupId, {
        first: filter.first,
        ...(filter.after ? { after: filter.after } : {}),
        ...(filter.webhookId ? { webhookId: filter.webhookId } : {}),
        ...(filter.state ? { state: filter.state } : {}),
      });
    }, options),
  ];
}
