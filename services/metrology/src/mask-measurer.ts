import type { MaskToMeasure, MeasurementUncertainty } from '@microseg/contracts';
import { isMicroSegError, invalidInput } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type IndexMask, type ResultUnit, decodeIndexMask } from '@microseg/metrology';
import { type MaskAnalysis, analyseMask } from './mask-analysis.ts';
import type { MaskRepository } from './mask.repository.ts';
import type { MeasurementFiles } from './measurement-files.ts';
import { effectivePixelSize } from './measurement-profile.ts';
import { uncertaintyOf } from './measurement-uncertainty.ts';
import type { MeasurementKey, MeasurementRepository } from './measurement.repository.ts';
import type { ProbabilityBands } from './probability-bands.ts';
import type { ProfileResolver, ResolvedProfile } from './profile-resolver.ts';

export type MeasureOutcome = 'measured' | 'failed' | 'already-measured' | 'skipped';

/**
 * Measures one mask with its dataset's profile: the one path for ground-truth masks, model masks
 * and re-measurements. Idempotent: a mask already measured under the same profile and code version
 * is left alone, and a measurement that lost a race to another delivery stores nothing. A bad mask
 * (corrupt, colour, unexpected class values) is recorded as a failed measurement with its reason;
 * only transient failures (storage, database) are thrown back for a retry.
 */
export class MaskMeasurer {
  constructor(
    private readonly deps: {
      masks: MaskRepository;
      measurements: MeasurementRepository;
      profiles: ProfileResolver;
      files: MeasurementFiles;
      bands: ProbabilityBands;
      codeVersion: string;
      logger: Logger;
    },
  ) {}

  async measure(mask: MaskToMeasure, job: { working(): void }): Promise<MeasureOutcome> {
    const { masks, measurements, profiles, codeVersion, logger } = this.deps;
    let resolved: ResolvedProfile;
    try {
      resolved = await profiles.forMask(mask.groupId, mask.datasetId);
    } catch (error) {
      // The dataset was deleted (or never existed): there is nothing left to measure for anyone.
      if (!isMicroSegError(error) || error.code !== 'NOT_FOUND') throw error;
      logger.warn(
        { maskId: mask.maskId, datasetId: mask.datasetId },
        'mask of an unknown dataset skipped',
      );
      return 'skipped';
    }
    await masks.record(mask);
    const key: MeasurementKey = {
      maskId: mask.maskId,
      profileHash: resolved.profileHash,
      codeVersion,
    };
    if (await measurements.find(key)) return 'already-measured';

    const startedAt = new Date();
    const scale = effectivePixelSize(resolved.profile, mask);
    const base = { mask, key, profile: resolved.profile, pixelSize: scale?.size ?? null, pixelSizeSource: scale?.source ?? null, startedAt };
    let analysis: MaskAnalysis;
    let uncertainty: MeasurementUncertainty;
    try {
      ({ analysis, uncertainty } = await this.analyse(mask, resolved, job));
    } catch (error) {
      if (!isMicroSegError(error) || error.retryable) throw error;
      const failure = { code: error.code, message: error.message, details: { ...error.details } };
      const saved = await measurements.save({
        ...base,
        outcome: { status: 'failed', error: failure },
      });
      logger.warn(
        { maskId: mask.maskId, measurementId: saved.id, error: failure },
        'mask could not be measured',
      );
      return saved.created ? 'failed' : 'already-measured';
    }
    job.working();
    const plots = await this.plots(mask, key, analysis);
    const saved = await measurements.save({
      ...base,
      outcome: { status: 'succeeded', analysis, uncertainty, plots },
    });
    logger.info(
      { maskId: mask.maskId, measurementId: saved.id, created: saved.created },
      'mask measured',
    );
    return saved.created ? 'measured' : 'already-measured';
  }

  private async analyse(
    mask: MaskToMeasure,
    resolved: ResolvedProfile,
    job: { working(): void },
  ): Promise<{ analysis: MaskAnalysis; uncertainty: MeasurementUncertainty }> {
    const bytes = await this.deps.files.readMask(mask.index);
    job.working();
    const decoded = await decodeIndexMask(bytes);
    if (decoded.width !== mask.width || decoded.height !== mask.height) {
      throw invalidInput(
        `mask is ${decoded.width}x${decoded.height}, its image ${mask.width}x${mask.height}`,
        {
          mask: [decoded.width, decoded.height],
          image: [mask.width, mask.height],
        },
      );
    }
    const pixelSize = effectivePixelSize(resolved.profile, mask)?.size ?? null;
    const analysis = analyseMask(decoded, resolved.profile, pixelSize, () => job.working());
    // The band's masks are measured exactly as the mask itself; their spread is the model's doubt.
    const band = await this.deps.bands.of(mask);
    job.working();
    const measureBand = (bandMask: IndexMask) => {
      try {
        return analyseMask(bandMask, resolved.profile, pixelSize, () => job.working());
      } catch (error) {
        // A band mask the profile cannot measure (a layer grown over the whole image) leaves the
        // nominal measurement standing: the intervals are then made without that band mask.
        if (isMicroSegError(error) && !error.retryable) return error;
        throw error;
      }
    };
    const banded = band ? { manifest: band.manifest, lower: measureBand(band.lower), upper: measureBand(band.upper) } : null;
    const uncertainty = uncertaintyOf(analysis, banded, { totalPixels: decoded.width * decoded.height, pixelLength: pixelSize?.value ?? 1 });
    return { analysis, uncertainty };
  }

  private async plots(mask: MaskToMeasure, key: MeasurementKey, analysis: MaskAnalysis) {
    const prefix = `plots/${mask.groupId}/${mask.datasetId}/${key.maskId}/${key.profileHash}/${key.codeVersion}`;
    const unit = analysis.unit as ResultUnit;
    const series = analysis.particles.map((p) => ({
      label: `class ${p.statistics.class}`,
      histogram: p.statistics.histogram,
    }));
    const [sizeHistogramKey, thicknessHistogramKey] = await Promise.all([
      this.deps.files.putSizeHistogram(
        `${prefix}/size-histogram.svg`,
        series,
        unit,
        'Particle size distribution',
      ),
      analysis.thickness
        ? this.deps.files.putThicknessHistogram(
            `${prefix}/thickness-histogram.svg`,
            analysis.thickness.values,
            unit,
            'Layer thickness',
          )
        : Promise.resolve(null),
    ]);
    return { sizeHistogramKey, thicknessHistogramKey };
  }
}
