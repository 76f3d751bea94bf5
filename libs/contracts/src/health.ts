import { defineNotice, defineRequest } from '@microseg/messaging';
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

/** Asks one instance of a service for its health now (the gateway, to fill its view when it starts). */
export const healthContract = (service: ServiceName) =>
  defineRequest({
    subject: `microseg.${service}.v1.health`,
    request: z.object({}),
    response: serviceHealthSchema,
  });

/**
 * Every instance of a service reports its health here when it changes (started, draining,
 * stopped) and every HEALTH_REPORT_INTERVAL_MS in between. The gateway answers `health` from the
 * latest reports, so a health query costs no service a thing however often it is polled.
 */
export const healthReport = (service: ServiceName) =>
  defineNotice({ subject: `microseg.health.v1.${service}`, schema: serviceHealthSchema });

export const HEALTH_REPORT_INTERVAL_MS = 2_000;

/** An instance whose latest report is older than this (three reports missed) counts as down. */
export const HEALTH_REPORT_STALE_AFTER_MS = 3 * HEALTH_REPORT_INTERVAL_MS + 1_000;
