import { SERVICE_NAMES, type ServiceHealth, healthContract } from '@microseg/contracts';
import { toMicroSegError } from '@microseg/errors';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

const HEALTH_TIMEOUT_MS = 2_000;

/** Asks every service at once; one that does not answer in time is `down`, with the reason. */
export const healthQuery: QueryResolvers['health'] = async (_parent, _args, context) => {
  const services = await Promise.all(
    SERVICE_NAMES.map(async (service): Promise<ServiceHealth | Omit<ServiceHealth, 'version' | 'instance' | 'uptimeSeconds'>> => {
      try {
        return await context.services.call(healthContract(service), {}, { timeoutMs: HEALTH_TIMEOUT_MS });
      } catch (error) {
        return { service, status: 'down', checks: [{ name: 'reachable', ok: false, detail: toMicroSegError(error).message }] };
      }
    }),
  );
  const statuses = services.map((s) => s.status);
  const status = statuses.every((s) => s === 'up') ? 'up' : statuses.some((s) => s === 'up' || s === 'degraded') ? 'degraded' : 'down';
  return {
    status,
    services: services.map((s) => ({
      version: null,
      instance: null,
      uptimeSeconds: null,
      ...s,
      checks: s.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail ?? null })),
    })),
  };
};
