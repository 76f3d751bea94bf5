import { type PrincipalTokens, metrologyContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { MaskEvaluations } from '../mask-evaluations.ts';

export function serveEvaluations(nc: NatsConnection, deps: { evaluations: MaskEvaluations; logger: Logger; principals: PrincipalTokens }): RequestServer[] {
  return [
    serveAuthenticated(
      nc,
      c.imageEvaluations,
      async ({ imageIds, modelVersionId }, { principal }) => ({
        evaluations: await deps.evaluations.ofImages(principal, imageIds, modelVersionId),
      }),
      { logger: deps.logger, verifier: deps.principals },
    ),
  ];
}
