import { webhookContracts as c } from '@microseg/contracts';
import { requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { connectionOf } from './connection-page.ts';

export const webhookResolvers: Resolvers = {
  Query: {
    webhooks: async (_parent, _args, context) => {
      requireCaller(context);
      return (await context.services.call(c.listWebhooks, {})).webhooks;
    },
    webhookDeliveries: async (_parent, { webhookId, state, first, after }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.listDeliveries, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(webhookId ? { webhookId } : {}),
        ...(state ? { state } : {}),
      });
      return connectionOf(page);
    },
  },
  Mutation: {
    createWebhook: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createWebhook, { url: input.url, events: input.events });
    },
    deleteWebhook: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.deleteWebhook, { id });
    },
  },
};
