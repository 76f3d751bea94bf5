import { type PrincipalTokens, metrologyContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { MeasurementCatalog } from '../measurement-catalog.ts';
import type { MeasurementExport } from '../measurement-export.ts';
import type { Remeasurement } from '../remeasurement.ts';

export function serveMeasurements(
  nc: NatsConnection,
  deps: {
    catalog: MeasurementCatalog;
    exports: MeasurementExport;
    remeasurement: Remeasurement;
    logger: Logger;
    principals: PrincipalTokens;
  },
): RequestServer[] {
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(
      nc,
      c.imageMeasurements,
      async ({ imageId, ...filter }, { principal }) => ({
        measurements: await deps.catalog.ofImage(principal, imageId, filter),
      }),
      options,
    ),
    serveAuthenticated(
      nc,
      c.objectsAt,
      async (query, { principal }) => ({ objects: await deps.catalog.objectsAt(principal, query) }),
      options,
    ),
    serveAuthenticated(
      nc,
      c.datasetMeasurements,
      (query, { principal }) => deps.catalog.ofDataset(principal, query),
      options,
    ),
    serveAuthenticated(
      nc,
      c.datasetSummary,
      (query, { principal }) => deps.catalog.summary(principal, query),
      options,
    ),
    serveAuthenticated(
      nc,
      c.exportMeasurements,
      (query, { principal }) => deps.exports.export(principal, query),
      options,
    ),
    serveAuthenticated(
      nc,
      c.remeasureDataset,
      ({ datasetId }, { principal }) =>
        deps.remeasurement.dataset(principal, datasetId),
      options,
    ),
  ];
}
