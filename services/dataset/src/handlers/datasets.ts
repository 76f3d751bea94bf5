import { datasetContracts as c, requirePrincipal } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type IdempotencyRecords, type RequestServer, idempotent, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { DatasetCatalog } from '../dataset-catalog.ts';
import type { DatasetRepository } from '../dataset.repository.ts';

export function serveDatasets(
  nc: NatsConnection,
  deps: { catalog: DatasetCatalog; datasets: DatasetRepository; idempotency: IdempotencyRecords; logger: Logger },
): RequestServer[] {
  const { catalog, datasets, idempotency } = deps;
  const options = { logger: deps.logger };
  return [
    serveRequests(nc, c.createDataset, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(idempotency, { headers, principal, operation: 'createDataset', input }, () => catalog.create(principal, input));
    }, options),
    serveRequests(nc, c.getDataset, ({ id }, { headers }) => catalog.get(requirePrincipal(headers), id), options),
    serveRequests(nc, c.listDatasets, (page, { headers }) => datasets.listReadable(requirePrincipal(headers), page), options),
    serveRequests(nc, c.updateDataset, ({ id, ...changes }, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(idempotency, { headers, principal, operation: 'updateDataset', input: { id, ...changes } }, () =>
        catalog.update(principal, id, changes),
      );
    }, options),
    serveRequests(nc, c.deleteDataset, ({ id }, { headers }) => catalog.delete(requirePrincipal(headers), id), options),

    serveRequests(nc, c.setExperiment, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(idempotency, { headers, principal, operation: 'setExperiment', input }, () => catalog.setExperiment(principal, input));
    }, options),
    serveRequests(nc, c.listExperiments, async ({ datasetId }, { headers }) => ({
      experiments: await catalog.listExperiments(requirePrincipal(headers), datasetId),
    }), options),
    serveRequests(nc, c.deleteExperiment, ({ datasetId, name }, { headers }) =>
      catalog.deleteExperiment(requirePrincipal(headers), datasetId, name), options),

    serveRequests(nc, c.createVersion, ({ datasetId, note }, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(idempotency, { headers, principal, operation: 'createVersion', input: { datasetId, note } }, () =>
        catalog.createVersion(principal, datasetId, note),
      );
    }, options),
    serveRequests(nc, c.listVersions, async ({ datasetId }, { headers }) => ({
      versions: await catalog.listVersions(requirePrincipal(headers), datasetId),
    }), options),
    serveRequests(nc, c.getVersionContent, ({ id }, { headers }) => catalog.versionContent(requirePrincipal(headers), id), options),
  ];
}
