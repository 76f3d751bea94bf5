import { type PrincipalTokens, promotionGateContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { AliasGates } from '../alias-gates.ts';

export function serveAliasGates(nc: NatsConnection, deps: { gates: AliasGates; logger: Logger; principals: PrincipalTokens }): RequestServer[] {
  const { gates } = deps;
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.setAliasGate, (input, { principal }) => gates.set(principal, input), options),
    serveAuthenticated(nc, c.removeAliasGate, ({ modelId, alias }, { principal }) => gates.remove(principal, modelId, alias), options),
    serveAuthenticated(nc, c.listAliasGates, async ({ modelId }, { principal }) => ({ gates: await gates.list(principal, modelId) }), options),
    serveAuthenticated(nc, c.completeAliasGate, async ({ moveId, report }, { principal }) => {
      const move = await gates.complete(principal, moveId, report);
      deps.logger.info({ moveId, alias: move.alias, toVersionId: move.toVersionId, outcome: move.outcome }, 'gated alias move decided');
      return { moveId: move.id, outcome: move.outcome };
    }, options),
  ];
}
