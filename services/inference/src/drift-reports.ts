import { type DriftReportAnswer, type MeasurementSet, type Principal, metrologyContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import { type MeasurementDigest, comparableSet, computeDriftReport, measurementDigest } from '@microseg/pipeline';
import type { NatsConnection } from 'nats';
import type { PlatformDirectory } from './platform-directory.ts';

/** Metrology requests in flight at once: enough to hide latency, few enough not to swamp it. */
const PARALLEL = 8;

/** Drift between two model versions on a dataset, from metrology's measurement sets of both. */
export class DriftReports {
  constructor(private readonly deps: { nc: NatsConnection; directory: PlatformDirectory }) {}

  async report(principal: Principal, input: { datasetId: string; fromVersionId: string; toVersionId: string }): Promise<DriftReportAnswer> {
    const { directory } = this.deps;
    // NOT_FOUND unless the caller may read the dataset; metrology checks each image again.
    await directory.dataset(principal, input.datasetId);
    const imageIds = await directory.datasetImageIds(principal, input.datasetId);
    const old: MeasurementDigest[] = [];
    const current: MeasurementDigest[] = [];
    for (let start = 0; start < imageIds.length; start += PARALLEL) {
      await Promise.all(
        imageIds.slice(start, start + PARALLEL).map(async (imageId) => {
          const after = comparableSet(await this.sets(principal, imageId, input.toVersionId));
          const before = comparableSet(await this.sets(principal, imageId, input.fromVersionId), after?.profileHash);
          if (after) current.push(measurementDigest(after));
          if (before) old.push(measurementDigest(before));
        }),
      );
    }
    const byImage = (a: MeasurementDigest, b: MeasurementDigest) => a.imageId.localeCompare(b.imageId);
    return { ...input, ...computeDriftReport(old.sort(byImage), current.sort(byImage)) };
  }

  private async sets(principal: Principal, imageId: string, modelVersionId: string): Promise<MeasurementSet[]> {
    const { measurements } = await request(this.deps.nc, metrologyContracts.imageMeasurements, { imageId, source: 'model', modelVersionId }, this.deps.directory.as(principal));
    return measurements;
  }
}
