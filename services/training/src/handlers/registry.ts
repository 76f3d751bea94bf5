import { requirePrincipal, trainingContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { Registry } from '../registry.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import type { WeightsImport } from '../weights-import.ts';
import type { WeightsRepository } from '../weights.repository.ts';

export function serveRegistry(
  nc: NatsConnection,
  deps: { registry: Registry; repository: RegistryRepository; weights: WeightsRepository; weightsImport: WeightsImport; logger: Logger },
): RequestServer[] {
  const { registry } = deps;
  const options = { logger: deps.logger };
  return [
    serveRequests(nc, c.listModels, (page, { headers }) => deps.repository.listModels(requirePrincipal(headers).groupId, page), options),
    serveRequests(nc, c.getModel, ({ id }, { headers }) => registry.getModel(requirePrincipal(headers), id), options),
    serveRequests(nc, c.updateModelCard, ({ modelId, card }, { headers }) => registry.updateCard(requirePrincipal(headers), modelId, card), options),
    serveRequests(nc, c.listVersions, ({ filter, ...page }, { headers }) => deps.repository.listVersions(requirePrincipal(headers).groupId, filter, page), options),
    serveRequests(nc, c.getVersion, ({ id }, { headers }) => registry.getVersion(requirePrincipal(headers), id), options),
    serveRequests(nc, c.resolveAlias, ({ model, alias }, { headers }) => registry.resolveAlias(requirePrincipal(headers), model, alias), options),
    serveRequests(nc, c.compareVersions, async ({ ids }, { headers }) => ({ versions: await registry.compare(requirePrincipal(headers), ids) }), options),
    serveRequests(nc, c.lineage, ({ id }, { headers }) => registry.lineage(requirePrincipal(headers), id), options),
    serveRequests(nc, c.shareVersion, ({ id, visibility }, { headers }) => registry.share(requirePrincipal(headers), id, visibility), options),
    serveRequests(nc, c.setAlias, (input, { headers }) => registry.setAlias(requirePrincipal(headers), input), options),
    serveRequests(nc, c.aliasHistory, async ({ modelId, alias }, { headers }) => ({
      moves: await registry.aliasHistory(requirePrincipal(headers), modelId, alias),
    }), options),
    serveRequests(nc, c.createWeightsUpload, (input, { headers }) => deps.weightsImport.createUpload(requirePrincipal(headers), input), options),
    serveRequests(nc, c.completeWeightsUpload, (input, { headers }) => deps.weightsImport.complete(requirePrincipal(headers), input), options),
    serveRequests(nc, c.listWeights, async ({ encoder }, { headers }) => ({
      weights: await deps.weights.listReadable(requirePrincipal(headers).groupId, encoder),
    }), options),
  ];
}
