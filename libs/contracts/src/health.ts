import { defineRequest } from '@microseg/messaging';
import { z } from 'zod';

/** The services behind the gateway; each answers its own health subject. */
export const SERVICE_NAMES = ['identity', 'dataset', 'training', 'inference', 'metrology'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const serviceHealthSchema = z.object({
  service: z.string(),
  status: z.enum(['up', 'degraded', 'down']),
  version: z.string(),
  instance: z.string(),
  uptimeSeconds: z.number(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional() })),
});
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

export const healthContract = (service: ServiceName) =>
  defineRequest({
    subject: `microseg.${service}.v1.health`,
    request: z.object({}),
    response: serviceHealthSchema,
  });
