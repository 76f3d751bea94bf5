import { type PrincipalTokens, datasetContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import type { LookupInvalidator } from '@microseg/lookup-cache';
import { type IdempotencyRecords, type RequestServer, idempotent, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { DatasetCatalog } from '../dataset-catalog.ts';
import type { DatasetRepository } from '../dataset.repository.ts';

export function serveDatasets(
  nc: NatsConnection,
  deps: {
    catalog: DatasetCatalog;
    datasets: DatasetRepository;
    idempotency: IdempotencyRecords;
    logger: Logger;
    principals: PrincipalTokens;
    /** A dataset's default pixel size and its deletion change what `imageByLimsId` answers for its images. */
    imageLookups: LookupInvalidator;
  },
): RequestServer[] {
  const { catalog, datasets, idempotency, imageLookups } = deps;
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.createDataset, (input, { headers, principal }) => {
      return idempotent(idempotency, { headers, principal, operation: 'createDataset', input }, () => catalog.create(principal, input));
    }, options),
    serveAuthenticated(nc, c.getDataset, ({ id }, { principal }) => catalog.get(principal, id), options),
    serveAuthenticated(nc, c.listDatasets, (page, { principal }) => datasets.listReadable(principal, page), options),
    serveAuthenticated(nc, c.updateDataset, ({ id, ...changes }, { headers, principal }) => {
      return imageLookups.after(principal.groupId, () =>
        idempotent(idempotency, { headers, principal, operation: 'updateDataset', input: { id, ...changes } }, () => catalog.update(principal, id, changes)),
      );
    }, options),
    serveAuthenticated(nc, c.deleteDataset, ({ id }, { principal }) => imageLookups.after(principal.groupId, () => catalog.delete(principal, id)), options),

    serveAuthenticated(nc, c.setExperiment, (input, { headers, principal }) => {
      return idempotent(idempotency, { headers, principal, operation: 'setExperiment', input }, () => catalog.setExperiment(principal, input));
    }, options),
    serveAuthenticated(nc, c.listExperiments, async ({ datasetId }, { principal }) => ({
      experiments: await catalog.listExperiments(principal, datasetId),
    }), options),
    serveAuthenticated(nc, c.deleteExperiment, ({ datasetId, name }, { principal }) =>
      catalog.deleteExperiment(principal, datasetId, name), options),

    serveAuthenticated(nc, c.createVersion, ({ datasetId, note }, { headers, principal }) => {
      return idempotent(idempotency, { headers, principal, operation: 'createVersion', input: { datasetId, note } }, () =>
        catalog.createVersion(principal, datasetId, note),
      );
    }, options),
    serveAuthenticated(nc, c.listVersions, async ({ datasetId }, { principal }) => ({
      versions: await catalog.listVersions(principal, datasetId),
    }), options),
    serveAuthenticated(nc, c.getVersionContent, ({ id }, { principal }) => catalog.versionContent(principal, id), options),
  ];
}
