import { randomBytes } from 'node:crypto';
import { requirePrincipal, webhookContracts as c } from '@microseg/contracts';
import { MicroSegError, notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { WebhookRepository } from '../webhook.repository.ts';

export function serveWebhooks(nc: NatsConnection, deps: { webhooks: WebhookRepository; logger: Logger }): RequestServer[] {
  const options = { logger: deps.logger };
  return [
    serveRequests(nc, c.createWebhook, async ({ url, events }, { headers }) => {
      const principal = requirePrincipal(headers);
      if (principal.role === 'viewer') throw new MicroSegError('FORBIDDEN', 'webhooks send the group\'s results out: members and admins only');
      const secret = `whsec_${randomBytes(32).toString('hex')}`;
      const webhook = await deps.webhooks.create({ groupId: principal.groupId, url, events: [...new Set(events)], secret, createdBy: principal.memberId });
      return { webhook, secret };
    }, options),
    serveRequests(nc, c.listWebhooks, async (_input, { headers }) => ({ webhooks: await deps.webhooks.list(requirePrincipal(headers).groupId) }), options),
    serveRequests(nc, c.deleteWebhook, async ({ id }, { headers }) => {
      const principal = requirePrincipal(headers);
      if (principal.role === 'viewer') throw new MicroSegError('FORBIDDEN', 'members and admins only');
      const deleted = await deps.webhooks.delete(id, principal.groupId);
      if (!deleted) throw notFound('webhook', id);
      return deleted;
    }, options),
    serveRequests(nc, c.listDeliveries, async (filter, { headers }) => ({
      deliveries: await deps.webhooks.deliveries(requirePrincipal(headers).groupId, {
        limit: filter.limit,
        ...(filter.webhookId ? { webhookId: filter.webhookId } : {}),
        ...(filter.state ? { state: filter.state } : {}),
      }),
    }), options),
  ];
}
