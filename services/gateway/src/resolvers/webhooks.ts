import { type WebhookEvent, webhookContracts as c } from '@microseg/contracts';
import { requireCaller } from '../context.ts';
import type { Resolvers, WebhookEventName } from '../generated/resolvers-types.ts';

const toName = (event: WebhookEvent): WebhookEventName => (event === 'measurement.completed' ? 'measurement_completed' : 'segmentation_completed');
const toEvent = (name: WebhookEventName): WebhookEvent => (name === 'measurement_completed' ? 'measurement.completed' : 'segmentation.completed');

export const webhookResolvers: Resolvers = {
  Query: {
    webhooks: async (_parent, _args, context) => {
      requireCaller(context);
      return (await context.services.call(c.listWebhooks, {})).webhooks;
    },
    webhookDeliveries: async (_parent, { webhookId, state, first }, context) => {
      requireCaller(context);
      const filter = { ...(webhookId ? { webhookId } : {}), ...(state ? { state } : {}) };
      return (await context.services.call(c.listDeliveries, { ...filter, limit: first ?? 50 })).deliveries;
    },
  },
  Mutation: {
    createWebhook: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createWebhook, { url: input.url, events: input.events.map(toEvent) });
    },
    deleteWebhook: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.deleteWebhook, { id });
    },
  },
  Webhook: {
    events: (webhook) => webhook.events.map(toName),
  },
  WebhookDelivery: {
    event: (delivery) => toName(delivery.event),
  },
};
