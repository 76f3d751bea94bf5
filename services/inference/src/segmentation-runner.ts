import type { IntervalCalibration, OutOfDistribution, Principal, Segmentation, SegmentJob } from '@microseg/contracts';
import { MicroSegError, isMicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import type { ObjectStore } from '@microseg/storage';
import type { NatsConnection } from 'nats';
import { type SegmentedImage, segmentStoredImage } from './image-segmenter.ts';
import type { InferenceMetrics } from './inference-metrics.ts';
import { registerModelMask } from './mask-registration.ts';
import type { ModelCache } from './model-cache.ts';
import { storeProbabilityBand } from './probability-band-store.ts';
import { type PlatformDirectory, groupPrincipal } from './platform-directory.ts';
import type { NewSegmentation, SegmentationRepository } from './segmentation.repository.ts';

export interface RunnerDeps {
  nc: NatsConnection;
  directory: PlatformDirectory;
  segmentations: SegmentationRepository;
  cache: ModelCache;
  store: ObjectStore;
  bucket: string;
  /** Recorded on a failed step (no model ran); a succeeded one records the backend its model ran on. */
  backend: string;
  codeVersion: string;
  logger: Logger;
  metrics?: InferenceMetrics;
}

/**
 * One (image, model version) to one segmentation, whatever asked for it (a policy's job, a batch,
 * a direct request). Idempotent: a pair already segmented is answered from the table; an image the
 * model cannot take is recorded as failed with the reason; only transient failures are thrown for a retry.
 */
export class SegmentationRunner {
  constructor(private readonly deps: RunnerDeps) {}

  async run(job: SegmentJob, context: { working(): void }): Promise<{ segmentation: Segmentation; created: boolean }> {
    const { segmentations, directory, logger } = this.deps;
    const existing = await segmentations.find(job.imageId, job.modelVersionId);
    if (existing) {
      // A redelivery (after a crash, a lost ack) or a second run over the same pair: nothing new to compute.
      logger.info({ imageId: job.imageId, modelVersionId: job.modelVersionId, segmentationId: existing.id }, 'segmentation already stored');
      if (job.runId) await segmentations.markRunItem(undefined, job.runId, job.imageId, existing.status);
      return { segmentation: existing, created: false };
    }
    const principal = groupPrincipal(job.groupId);
    const image = await directory.image(principal, job.imageId);
    const base = { group_id: job.groupId, image_id: job.imageId, dataset_id: job.datasetId, model_version_id: job.modelVersionId, run_id: job.runId, backend: this.deps.backend, code_version: this.deps.codeVersion };
    let segmented: SegmentedImage;
    let intervalCalibration: IntervalCalibration | null = null;
    try {
      // NOT_FOUND when the group may no longer use the version: a failed step, like a bad image.
      const version = await directory.modelVersion(principal, job.modelVersionId);
      intervalCalibration = version.intervalCalibration ?? null;
      const { metrics } = this.deps;
      segmented = await this.deps.cache.with(version, async (loaded) => {
        const labels = { engine: loaded.backend, modelVersion: job.modelVersionId };
        const result = await segmentStoredImage(this.deps.store, loaded, image, {
          probabilities: job.probabilities,
          working: () => context.working(),
          ...(metrics ? { onBatch: (tiles: number, seconds: number) => metrics.batch(labels, tiles, seconds) } : {}),
        });
        metrics?.image(labels, result.computeMs / 1000);
        return result;
      });
    } catch (error) {
      if (!isMicroSegError(error) || error.retryable) throw error;
      const failure = { code: error.code, message: error.message, details: { ...error.details } };
      logger.warn({ imageId: job.imageId, modelVersionId: job.modelVersionId, error: failure }, 'image could not be segmented');
      return segmentations.save({ ...base, ...noOutputs, status: 'failed', error: failure, tiles: 0, compute_ms: 0 });
    }
    context.working();
    const probabilities = segmented.probabilities ? await this.storeProbabilities(job, segmented.probabilities) : undefined;
    // Before the mask is registered: metrology measures it on mask.created and reads the band then.
    await storeProbabilityBand(this.deps.store, this.deps.bucket, job, segmented, intervalCalibration);
    const mask = await registerModelMask(this.deps.nc, directory, principal, {
      imageId: job.imageId,
      modelVersionId: job.modelVersionId,
      png: segmented.maskPng,
      sha256: segmented.maskSha256,
    });
    const saved = await segmentations.save({
      ...base,
      ...noOutputs,
      status: 'succeeded',
      error: null,
      mask_id: mask.id,
      mask_bucket: mask.index.bucket,
      mask_key: mask.index.key,
      mask_sha256: mask.index.sha256,
      ...(probabilities ? { probabilities_bucket: this.deps.bucket, probabilities_key: probabilities.key, probabilities_sha256: probabilities.sha256 } : {}),
      backend: segmented.backend,
      tiles: segmented.tiles,
      compute_ms: segmented.computeMs,
      ...oodColumns(segmented.outOfDistribution),
    });
    logger.info({ imageId: job.imageId, modelVersionId: job.modelVersionId, maskId: mask.id, created: saved.created, computeMs: Math.round(segmented.computeMs), backend: segmented.backend }, 'image segmented');
    return saved;
  }

  /** A direct request: the caller must be a member of the group owning the image and may use the version. */
  async forCaller(principal: Principal, input: { imageId: string; modelVersionId: string; probabilities: boolean }): Promise<Segmentation> {
    const image = await this.deps.directory.image(principal, input.imageId);
    if (image.groupId !== principal.groupId || principal.role === 'viewer') {
      throw new MicroSegError('FORBIDDEN', 'segmenting an image writes a mask into its dataset: members of its group only', { details: { imageId: image.id } });
    }
    await this.deps.directory.modelVersion(principal, input.modelVersionId);
    const job = { groupId: image.groupId, imageId: image.id, datasetId: image.datasetId, modelVersionId: input.modelVersionId, runId: null, probabilities: input.probabilities };
    return (await this.run(job, { working: () => {} })).segmentation;
  }

  private async storeProbabilities(job: SegmentJob, values: Float32Array) {
    const key = `probabilities/${job.groupId}/${job.imageId}/${job.modelVersionId}.f32`;
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    const stored = await this.deps.store.putObject(this.deps.bucket, key, bytes, { contentType: 'application/octet-stream' });
    return { key, sha256: stored.sha256 };
  }
}

type OodColumns = Pick<NewSegmentation, 'ood_method' | 'ood_score' | 'ood_threshold' | 'ood_flagged' | 'ood_reason'>;

function oodColumns(ood: OutOfDistribution | null): OodColumns {
  return {
    ood_method: ood?.method ?? null,
    ood_score: ood?.score ?? null,
    ood_threshold: ood?.threshold ?? null,
    ood_flagged: ood?.flagged ?? null,
    ood_reason: ood?.reason ?? null,
  };
}

const noOutputs: Pick<NewSegmentation, 'mask_id' | 'mask_bucket' | 'mask_key' | 'mask_sha256' | 'probabilities_bucket' | 'probabilities_key' | 'probabilities_sha256'> & OodColumns = {
  mask_id: null,
  mask_bucket: null,
  mask_key: null,
  mask_sha256: null,
  probabilities_bucket: null,
  probabilities_key: null,
  probabilities_sha256: null,
  ...oodColumns(null),
};
