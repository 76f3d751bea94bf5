import type { QueryResolvers } from '../generated/resolvers-types.ts';

/**
 * Health is open to anyone and polled all day (probes, launchers, dashboards): it is answered
 * from the services' latest reports (platform-health.ts), never by asking them per query.
 */
export const healthQuery: QueryResolvers['health'] = (_parent, _args, context) =>
  context.principal ? context.platformHealth.current() : context.platformHealth.publicView();
