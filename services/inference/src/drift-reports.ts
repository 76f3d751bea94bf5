import { type DriftReportAnswer, type MeasurementSet, type Principal, metrologyContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import { type MeasurementDigest, type SetIntervals, comparableSet, computeDriftReport, measurementDigest, withDriftIntervals } from '@microseg/pipeline';
import type { NatsConnection } from 'nats';
import type { PlatformDirectory } from './platform-directory.ts';

/** Drift between two model versions on a dataset, from metrology's measurement sets of both. */
export class DriftReports {
  constructor(private readonly deps: { nc: NatsConnection; directory: PlatformDirectory }) {}

  async report(principal: Principal, input: { datasetId: string; fromVersionId: string; toVersionId: string }): Promise<DriftReportAnswer> {
    const { directory } = this.deps;
    // NOT_FOUND unless the caller may read the dataset (metrology checks it again).
    await directory.dataset(principal, input.datasetId);
    const imageIds = await directory.datasetImageIds(principal, input.datasetId);
    // Two paged reads of the dataset's sets (one per version), not two requests per image.
    const [before, after] = await Promise.all([
      this.setsByImage(principal, input.datasetId, input.fromVersionId),
      this.setsByImage(principal, input.datasetId, input.toVersionId),
    ]);
    const old: MeasurementDigest[] = [];
    const current: MeasurementDigest[] = [];
    const oldIntervals = new Map<string, SetIntervals | null>();
    const newIntervals = new Map<string, SetIntervals | null>();
    const pixels = new Map<string, number>();
    for (const imageId of imageIds) {
      const newer = comparableSet(after.get(imageId) ?? []);
      const older = comparableSet(before.get(imageId) ?? [], newer?.profileHash);
      if (newer) current.push(measurementDigest(newer));
      if (older) old.push(measurementDigest(older));
      newIntervals.set(imageId, newer?.uncertainty ?? null);
      oldIntervals.set(imageId, older?.uncertainty ?? null);
      const measured = newer ?? older;
      if (measured) pixels.set(imageId, measured.width * measured.height);
    }
    const byImage = (a: MeasurementDigest, b: MeasurementDigest) => a.imageId.localeCompare(b.imageId);
    const report = computeDriftReport(old.sort(byImage), current.sort(byImage));
    return { ...input, ...withDriftIntervals(report, oldIntervals, newIntervals, pixels) };
  }

  /** Every model measurement set of the dataset by this version, grouped by image. */
  private async setsByImage(principal: Principal, datasetId: string, modelVersionId: string): Promise<Map<string, MeasurementSet[]>> {
    const byImage = new Map<string, MeasurementSet[]>();
    let after: string | undefined;
    for (;;) {
      const page = await request(
        this.deps.nc,
        metrologyContracts.datasetMeasurements,
        { datasetId, source: 'model', modelVersionId, first: 500, ...(after ? { after } : {}) },
        this.deps.directory.as(principal),
      );
      for (const set of page.nodes) byImage.set(set.imageId, [...(byImage.get(set.imageId) ?? []), set]);
      if (!page.hasNextPage || !page.endCursor) return byImage;
      after = page.endCursor;
    }
  }
}
