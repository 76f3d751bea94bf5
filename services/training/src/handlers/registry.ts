import { type PrincipalTokens, trainingContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { PackageImport } from '../package-import.ts';
import type { Registry } from '../registry.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import type { VersionDownloads } from '../version-downloads.ts';
import type { WeightsImport } from '../weights-import.ts';
import type { WeightsRepository } from '../weights.repository.ts';

export function serveRegistry(
  nc: NatsConnection,
  deps: {
    registry: Registry;
    repository: RegistryRepository;
    weights: WeightsRepository;
    weightsImport: WeightsImport;
    packageImport: PackageImport;
    downloads: VersionDownloads;
    logger: Logger;
    principals: PrincipalTokens;
  },
): RequestServer[] {
  const { registry } = deps;
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.listModels, (page, { principal }) => deps.repository.listModels(principal.groupId, page), options),
    serveAuthenticated(nc, c.getModel, ({ id }, { principal }) => registry.getModel(principal, id), options),
    serveAuthenticated(nc, c.updateModelCard, ({ modelId, card }, { principal }) => registry.updateCard(principal, modelId, card), options),
    serveAuthenticated(nc, c.listVersions, ({ filter, ...page }, { principal }) => deps.repository.listVersions(principal.groupId, filter, page), options),
    serveAuthenticated(nc, c.getVersion, ({ id }, { principal }) => registry.getVersion(principal, id), options),
    serveAuthenticated(nc, c.resolveAlias, ({ model, alias }, { principal }) => registry.resolveAlias(principal, model, alias), options),
    serveAuthenticated(nc, c.compareVersions, async ({ ids }, { principal }) => ({ versions: await registry.compare(principal, ids) }), options),
    serveAuthenticated(nc, c.lineage, ({ id }, { principal }) => registry.lineage(principal, id), options),
    serveAuthenticated(nc, c.shareVersion, ({ id, visibility }, { principal }) => registry.share(principal, id, visibility), options),
    serveAuthenticated(nc, c.setAlias, (input, { principal }) => registry.setAlias(principal, input), options),
    serveAuthenticated(nc, c.aliasHistory, async ({ modelId, alias }, { principal }) => ({
      moves: await registry.aliasHistory(principal, modelId, alias),
    }), options),
    serveAuthenticated(nc, c.createWeightsUpload, (input, { principal }) => deps.weightsImport.createUpload(principal, input), options),
    serveAuthenticated(nc, c.completeWeightsUpload, (input, { principal }) => deps.weightsImport.complete(principal, input), options),
    serveAuthenticated(nc, c.downloadVersion, ({ id, format }, { principal }) => deps.downloads.download(principal, id, format), options),
    serveAuthenticated(nc, c.createPackageUpload, (input, { principal }) => deps.packageImport.createUpload(principal, input), options),
    serveAuthenticated(nc, c.importPackage, (input, { principal }) => deps.packageImport.import(principal, input), options),
    serveAuthenticated(nc, c.listWeights, async ({ encoder }, { principal }) => ({
      weights: await deps.weights.listReadable(principal.groupId, encoder),
    }), options),
  ];
}
