import { createHash } from 'node:crypto';
import type {
  ClassParticleMeasurement,
  Dataset,
  DatasetMeasurementSummary,
  MeasuredObject,
  MeasurementProfile,
  MeasurementSet,
  Principal,
} from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import type { ResultUnit } from '@microseg/metrology';
import type { DatasetDirectory } from './dataset-directory.ts';
import type { MeasurementFiles } from './measurement-files.ts';
import type {
  MeasurementRepository,
  MeasurementSetRow,
  SetFilter,
} from './measurement.repository.ts';
import { objectsAt } from './objects-at.ts';
import { classLabel, classNamesOf, plotSpecs } from './plot-specs.ts';
import { type PoolableMeasurement, poolMeasurements } from './pooled-summary.ts';
import type { ProfileResolver } from './profile-resolver.ts';
import type { ThicknessResult } from './mask-analysis.ts';

export interface SummaryQuery extends SetFilter {
  datasetId: string;
  datasetVersionId?: string | undefined;
  /** Only this image of the dataset. */
  imageId?: string | undefined;
}

/** Whether a read also builds the plots' Vega-Lite specs, which need the stored thickness values. */
interface SpecsWanted {
  plotSpecs?: boolean | undefined;
}

/** Measurements as callers read them: checked against the dataset service's tenancy, plots as presigned URLs. */
export class MeasurementCatalog {
  constructor(
    private readonly deps: {
      directory: DatasetDirectory;
      measurements: MeasurementRepository;
      profiles: ProfileResolver;
      files: MeasurementFiles;
    },
  ) {}

  async ofImage(
    principal: Principal,
    imageId: string,
    filter: SetFilter & SpecsWanted,
  ): Promise<MeasurementSet[]> {
    const image = await this.deps.directory.readableImage(principal, imageId);
    // The plots name the classes as the image's dataset does; without plots no name is needed.
    const [rows, dataset] = await Promise.all([
      this.deps.measurements.ofImage(imageId, filter),
      filter.plotSpecs ? this.deps.directory.readableDataset(principal, image.datasetId) : undefined,
    ]);
    return this.withResults(rows, dataset ? classNamesOf(dataset) : false);
  }

  /** What the console shows on hover: objects of a measurement the caller may read (NOT_FOUND otherwise). */
  async objectsAt(
    principal: Principal,
    query: { measurementId: string; x: number; y: number; limit: number },
  ): Promise<MeasuredObject[]> {
    const row = await this.deps.measurements.findById(query.measurementId);
    if (!row) throw notFound('measurement set', query.measurementId);
    await this.deps.directory.readableImage(principal, row.image_id).catch(() => {
      throw notFound('measurement set', query.measurementId);
    });
    return objectsAt(
      await this.deps.measurements.classesOf([row.id], true),
      query.x,
      query.y,
      query.limit,
    );
  }

  async ofDataset(
    principal: Principal,
    query: SetFilter &
      SpecsWanted & {
        datasetId: string;
        status?: 'succeeded' | 'failed' | undefined;
        first: number;
        after?: string | undefined;
      },
  ): Promise<{ nodes: MeasurementSet[]; endCursor: string | null; hasNextPage: boolean }> {
    const dataset = await this.deps.directory.readableDataset(principal, query.datasetId);
    const { rows, hasNextPage } = await this.deps.measurements.ofDataset(query.datasetId, query);
    return {
      nodes: await this.withResults(rows, query.plotSpecs ? classNamesOf(dataset) : false),
      endCursor: rows.at(-1)?.id ?? null,
      hasNextPage,
    };
  }

  /**
   * Rows with their per-class results, thickness and plot URLs (objects left out: exports carry
   * them); with the dataset's class names, the plots' Vega-Lite specs too.
   */
  private async withResults(
    rows: MeasurementSetRow[],
    specsWithClassNames: ReadonlyMap<number, string> | false,
  ): Promise<MeasurementSet[]> {
    const withSpecs = specsWithClassNames !== false;
    const ids = rows.map((row) => row.id);
    const [classes, thickness] = await Promise.all([
      this.deps.measurements.classesOf(ids, false),
      this.deps.measurements.thicknessOf(ids, withSpecs),
    ]);
    return Promise.all(
      rows.map(async (row) => {
        const particles = classes
          .filter((c) => c.measurementId === row.id)
          .map((c) => c.statistics as ClassParticleMeasurement);
        const layer = thickness.find((t) => t.measurementId === row.id);
        const specs =
          withSpecs && row.status === 'succeeded'
            ? plotSpecs(
                {
                  unit: row.unit,
                  classes: particles,
                  thicknessValues: layer?.values ?? null,
                  thicknessProfile: layer?.profile ?? null,
                  classNames: specsWithClassNames,
                },
                { size: 'Particle size distribution', thickness: 'Layer thickness' },
              )
            : [];
        return {
          ...provenance(row),
          particles,
          thickness: (layer?.statistics as ThicknessResult['statistics'] | undefined) ?? null,
          plots: {
            sizeHistogramUrl: row.size_histogram_key
              ? await this.deps.files.url(row.size_histogram_key)
              : null,
            thicknessHistogramUrl: row.thickness_histogram_key
              ? await this.deps.files.url(row.thickness_histogram_key)
              : null,
            specs,
          },
        };
      }),
    );
  }

  async summary(principal: Principal, query: SummaryQuery): Promise<DatasetMeasurementSummary> {
    const { rows, profile, profileHash, dataset } = await this.selected(principal, query);
    const classNames = classNamesOf(dataset);
    const ids = rows.map((row) => row.id);
    const [classes, thickness] = await Promise.all([
      this.deps.measurements.classesOf(ids, true),
      this.deps.measurements.thicknessOf(ids, true),
    ]);
    const poolable: PoolableMeasurement[] = rows.map((row) => ({
      source: row.source,
      modelVersionId: row.model_version_id,
      unit: row.unit,
      status: row.status,
      pixels: row.width * row.height,
      particles: classes.filter((c) => c.measurementId === row.id),
      thicknessValues: thickness.find((t) => t.measurementId === row.id)?.values ?? null,
      uncertainty: row.uncertainty ?? null,
    }));
    const pooled = poolMeasurements(poolable, profile.histogramBins);
    const sources = await Promise.all(
      pooled.map(async (source) => {
        const label = source.modelVersionId ? `model ${source.modelVersionId}` : 'ground truth';
        const series = source.particles.map((p) => ({
          label: classLabel(classNames, p.class),
          histogram: p.histogram,
        }));
        const plotKey = (kind: string, content: unknown) =>
          `summaries/${query.datasetId}/${createHash('sha256').update(JSON.stringify(content)).digest('hex')}-${kind}.svg`;
        const sizeKey = plotKey('size', series);
        const thicknessValues = poolable
          .filter(
            (p) =>
              p.source === source.source &&
              p.modelVersionId === source.modelVersionId &&
              p.unit === source.unit,
          )
          .flatMap((p) => p.thicknessValues ?? []);
        const thicknessKey = plotKey('thickness', thicknessValues);
        const unit = source.unit as ResultUnit;
        const [size, layer] = await Promise.all([
          this.deps.files.putSizeHistogram(
            sizeKey,
            series,
            unit,
            `Particle sizes, ${label} (${source.maskCount} masks)`,
          ),
          this.deps.files.putThicknessHistogram(
            thicknessKey,
            thicknessValues,
            unit,
            `Layer thickness, ${label}`,
          ),
        ]);
        return {
          ...source,
          plots: {
            sizeHistogramUrl: size ? await this.deps.files.url(size) : null,
            thicknessHistogramUrl: layer ? await this.deps.files.url(layer) : null,
            specs: plotSpecs(
              {
                unit: source.unit,
                classes: source.particles,
                thicknessValues,
                thicknessProfile: null,
                classNames,
              },
              {
                size: `Particle sizes, ${label} (${source.maskCount} masks)`,
                thickness: `Layer thickness, ${label}`,
                suffix: `, ${label}`,
              },
            ),
          },
        };
      }),
    );
    return {
      datasetId: query.datasetId,
      datasetVersionId: query.datasetVersionId ?? null,
      profileHash,
      sources,
    };
  }

  /** The rows a summary or an export covers, after the caller's access to the dataset (and version) is checked. */
  async selected(
    principal: Principal,
    query: SummaryQuery,
  ): Promise<{ rows: MeasurementSetRow[]; profile: MeasurementProfile; profileHash: string; dataset: Dataset }> {
    const dataset = await this.deps.directory.readableDataset(principal, query.datasetId);
    if (query.imageId) {
      const image = await this.deps.directory.readableImage(principal, query.imageId);
      if (image.datasetId !== dataset.id) throw notFound('image', query.imageId);
    }
    const { profile, profileHash } = await this.deps.profiles.answer(dataset);
    let version:
      { imageIds: string[]; groundTruth: { imageId: string; sha256: string }[] } | undefined;
    if (query.datasetVersionId) {
      const content = await this.deps.directory.versionContent(principal, query.datasetVersionId);
      if (content.version.datasetId !== dataset.id)
        throw notFound('dataset version', query.datasetVersionId);
      version = {
        imageIds: content.images.map((image) => image.imageId),
        groundTruth: content.images.flatMap((image) =>
          image.mask ? [{ imageId: image.imageId, sha256: image.mask.sha256 }] : [],
        ),
      };
    }
    const rows = await this.deps.measurements.forSummary(dataset.id, profileHash, {
      source: query.source,
      modelVersionId: query.modelVersionId,
      imageId: query.imageId,
      version,
    });
    return { rows, profile, profileHash, dataset };
  }
}

/** The provenance columns of a measurement, shared by every view of it. */
export function provenance(
  row: MeasurementSetRow,
): Omit<MeasurementSet, 'particles' | 'thickness' | 'plots'> {
  return {
    id: row.id,
    maskId: row.mask_id,
    imageId: row.image_id,
    datasetId: row.dataset_id,
    source: row.source,
    modelVersionId: row.model_version_id,
    maskSha256: row.mask_sha256,
    status: row.status,
    error: row.error,
    profile: row.profile as MeasurementProfile,
    profileHash: row.profile_hash,
    codeVersion: row.code_version,
    pixelSize:
      row.pixel_size_value !== null && row.pixel_size_unit
        ? { value: row.pixel_size_value, unit: row.pixel_size_unit }
        : null,
    pixelSizeSource: row.pixel_size_source,
    uncertainty: row.uncertainty ?? null,
    unit: row.unit,
    width: row.width,
    height: row.height,
    startedAt: row.started_at.toISOString(),
    completedAt: row.completed_at.toISOString(),
  };
}
