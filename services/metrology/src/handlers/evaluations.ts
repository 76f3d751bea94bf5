import { metrologyContracts as c, requirePrincipal } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { MaskEvaluations } from '../mask-evaluations.ts';

export function serveEvaluations(nc: NatsConnection, deps: { evaluations: MaskEvaluations; logger: Logger }): RequestServer[] {
  return [
    serveRequests(
      nc,
      c.imageEvaluations,
      async ({ imageIds, modelVersionId }, { headers }) => ({
        evaluations: await deps.evaluations.ofImages(requirePrincipal(headers), imageIds, modelVersionId),
      }),
      { logger: deps.logger },
    ),
  ];
}
