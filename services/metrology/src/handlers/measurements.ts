import { metrologyContracts as c, requirePrincipal } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
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
  },
): RequestServer[] {
  const options = { logger: deps.logger };
  return [
    serveRequests(
      nc,
      c.imageMeasurements,
      async ({ imageId, ...filter }, { headers }) => ({
        measurements: await deps.catalog.ofImage(requirePrincipal(headers), imageId, filter),
      }),
      options,
    ),
    serveRequests(
      nc,
      c.datasetMeasurements,
      (query, { headers }) => deps.catalog.ofDataset(requirePrincipal(headers), query),
      options,
    ),
    serveRequests(
      nc,
      c.datasetSummary,
      (query, { headers }) => deps.catalog.summary(requirePrincipal(headers), query),
      options,
    ),
    serveRequests(
      nc,
      c.exportMeasurements,
      (query, { headers }) => deps.exports.export(requirePrincipal(headers), query),
      options,
    ),
    serveRequests(
      nc,
      c.remeasureDataset,
      ({ datasetId }, { headers }) =>
        deps.remeasurement.dataset(requirePrincipal(headers), datasetId),
      options,
    ),
  ];
}
