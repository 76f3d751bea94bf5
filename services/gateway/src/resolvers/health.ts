import { SERVICE_NAMES, type ServiceHealth, healthContract } from '@microseg/contracts';
import { toMicroSegError } from '@microseg/errors';
import type { GatewayContext } from '../context.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { redactInternals } from '../redact-internals.ts';

const HEALTH_TIMEOUT_MS = 2_000;
/**
 * Health is open to anyone and fans out to every service: one answer serves every caller for a
 * second (probes, launchers and dashboards poll it), and concurrent callers share one fan-out.
 */
const HEALTH_MAX_AGE_MS = 1_000;

type PlatformHealth = Awaited<ReturnType<typeof askEveryService>>;
let recent: { answer: Promise<PlatformHealth>; answeredAt?: number } | undefined;

export const healthQuery: QueryResolvers['health'] = async (_parent, _args, context) => {
  const answeredAt = recent?.answeredAt;
  if (!recent || (answeredAt !== undefined && Date.now() - answeredAt >= HEALTH_MAX_AGE_MS)) {
    const current: NonNullable<typeof recent> = { answer: askEveryService(context) };
    recent = current;
    void current.answer.finally(() => (current.answeredAt = Date.now()));
  }
  const health = await recent.answer;
  return context.principal ? health : withoutInternals(health);
};

/**
 * What a caller without a key learns: whether each service is up and which checks fail, not the
 * versions, instances, uptimes and failure details an attacker would use to pick a target.
 */
function withoutInternals(health: PlatformHealth): PlatformHealth {
  return {
    ...health,
    services: health.services.map((service) => ({
      ...service,
      version: null,
      instance: null,
      uptimeSeconds: null,
      checks: service.checks.map((check) => ({ ...check, detail: null })),
    })),
  };
}

/** Asks every service at once; one that does not answer in time is `down`, with the reason. */
async function askEveryService(context: GatewayContext) {
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
      checks: s.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail === undefined ? null : redactInternals(c.detail) })),
    })),
  } as const;
}
