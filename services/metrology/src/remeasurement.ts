import { type Principal, metrologyJobs } from '@microseg/contracts';
import { publishJob } from '@microseg/messaging';
import type { JetStreamClient } from 'nats';
import type { DatasetDirectory } from './dataset-directory.ts';
import { type MaskRepository, toMaskToMeasure } from './mask.repository.ts';
import type { ProfileResolver } from './profile-resolver.ts';

/**
 * Queues a measurement job for every current mask of a dataset. Masks already measured under the
 * dataset's profile and this code version come out of the worker unchanged, so asking twice costs
 * a little work and stores nothing new; the message id also drops repeats inside the stream's
 * duplicate window.
 */
export class Remeasurement {
  constructor(
    private readonly deps: {
      js: JetStreamClient;
      directory: DatasetDirectory;
      masks: MaskRepository;
      profiles: ProfileResolver;
      codeVersion: string;
    },
  ) {}

  async dataset(
    principal: Principal,
    datasetId: string,
  ): Promise<{ datasetId: string; queued: number; profileHash: string }> {
    const dataset = await this.deps.directory.writableDataset(principal, datasetId);
    const { profileHash } = await this.deps.profiles.answer(dataset);
    const masks = await this.deps.masks.currentOfDataset(datasetId);
    let queued = 0;
    for (const mask of masks) {
      const published = await publishJob(
        this.deps.js,
        metrologyJobs.measureMask,
        toMaskToMeasure(mask),
        {
          msgId: `measure:${mask.id}:${profileHash}:${this.deps.codeVersion}`,
        },
      );
      if (!published.duplicate) queued++;
    }
    return { datasetId, queued, profileHash };
  }
}
