import { randomUUID } from 'node:crypto';
import type { ClassParticleMeasurement, MeasurementUncertainty, Principal } from '@microseg/contracts';
import type { MeasurementCatalog, SummaryQuery } from './measurement-catalog.ts';
import { provenance } from './measurement-catalog.ts';
import type { MeasurementFiles } from './measurement-files.ts';
import type { ObjectColumns } from './mask-analysis.ts';
import type { MeasurementRepository } from './measurement.repository.ts';
import type { ModelRegistry } from './model-registry.ts';
import { type PooledSource, poolMeasurements } from './pooled-summary.ts';

const OBJECT_COLUMNS = [
  'measurement_id',
  'image_id',
  'mask_id',
  'source',
  'model_version_id',
  'profile_hash',
  'code_version',
  'class_rule',
  'pixel_size',
  'pixel_size_source',
  'unit',
  'class',
  'object',
  'area',
  'equivalent_diameter',
  'perimeter',
  'major_axis_length',
  'minor_axis_length',
  'orientation',
  'eccentricity',
  'solidity',
  'centroid_row',
  'centroid_col',
  'bbox_min_row',
  'bbox_min_col',
  'bbox_max_row',
  'bbox_max_col',
  'touches_border',
  // The object's class in its set, with the set's intervals (issue 13); appended so that columns
  // before them keep their positions. Empty where the set has no intervals (measured before them).
  'class_count',
  'class_count_low',
  'class_count_high',
  'area_fraction',
  'area_fraction_low',
  'area_fraction_high',
  'mean_equivalent_diameter',
  'mean_equivalent_diameter_low',
  'mean_equivalent_diameter_high',
  'median_equivalent_diameter',
  'median_equivalent_diameter_low',
  'median_equivalent_diameter_high',
  'interval_coverage',
  'interval_band',
  // The same class pooled over every set of the export with the row's source, model version and
  // unit (as the dataset summary pools them), with the pooled intervals.
  'pooled_masks',
  'pooled_class_count',
  'pooled_class_count_low',
  'pooled_class_count_high',
  'pooled_area_fraction',
  'pooled_area_fraction_low',
  'pooled_area_fraction_high',
  'pooled_mean_equivalent_diameter',
  'pooled_mean_equivalent_diameter_low',
  'pooled_mean_equivalent_diameter_high',
  'pooled_median_equivalent_diameter',
  'pooled_median_equivalent_diameter_low',
  'pooled_median_equivalent_diameter_high',
] as const;

/**
 * Exports what a summary covers: CSV with one row per object (and its provenance), or JSON with
 * every measurement set and its objects. Stored in S3 and handed out as a presigned URL, since a
 * dataset's objects easily outgrow a GraphQL answer.
 */
export class MeasurementExport {
  constructor(
    private readonly deps: {
      catalog: MeasurementCatalog;
      measurements: MeasurementRepository;
      files: MeasurementFiles;
      models: ModelRegistry;
    },
  ) {}

  async export(principal: Principal, query: SummaryQuery & { format: 'csv' | 'json' }) {
    const selected = await this.deps.catalog.selected(principal, query);
    // Another group's private model version behind a shared dataset's masks is left out, as GraphQL leaves it out.
    const readable = await this.deps.models.readable(principal, selected.rows.map((row) => row.model_version_id));
    const versionOf = (id: string | null) => (id === null ? undefined : readable.get(id));
    const rows = selected.rows.map((row) => {
      const version = versionOf(row.model_version_id);
      // The model version's class rule made the mask: part of every number's provenance.
      return { ...row, model_version_id: version === null ? null : row.model_version_id, class_rule: version?.classRule ?? null };
    });
    const ids = rows.map((row) => row.id);
    const [classes, thickness] = await Promise.all([
      this.deps.measurements.classesOf(ids, true),
      this.deps.measurements.thicknessOf(ids, false),
    ]);
    let body: string;
    let rowCount = 0;
    if (query.format === 'csv') {
      const pooled = pooledBySource(selected.rows, classes);
      const lines: string[] = [OBJECT_COLUMNS.join(',')];
      for (const [index, row] of rows.entries()) {
        const original = selected.rows[index]!;
        const source = pooled.get(poolKey(original.source, original.model_version_id, original.unit));
        for (const c of classes.filter((x) => x.measurementId === row.id)) {
          const o = c.objects;
          const classIntervals = [
            ...classIntervalCells(row.uncertainty, c.class, c.statistics as ClassParticleMeasurement),
            ...pooledCells(source, c.class),
          ];
          for (let i = 0; i < o.area.length; i++) {
            lines.push(
              [
                row.id,
                row.image_id,
                row.mask_id,
                row.source,
                row.model_version_id ?? '',
                row.profile_hash,
                row.code_version,
                row.class_rule ?? '',
                row.pixel_size_value !== null && row.pixel_size_unit ? `${row.pixel_size_value}${row.pixel_size_unit}` : '',
                row.pixel_size_source ?? '',
                row.unit,
                c.class,
                i + 1,
                o.area[i],
                o.equivalentDiameter[i],
                o.perimeter[i],
                o.majorAxisLength[i],
                o.minorAxisLength[i],
                o.orientation[i],
                o.eccentricity[i],
                o.solidity[i],
                o.centroidRow[i],
                o.centroidCol[i],
                o.bbox[4 * i],
                o.bbox[4 * i + 1],
                o.bbox[4 * i + 2],
                o.bbox[4 * i + 3],
                o.touchesBorder[i] ? 1 : 0,
                ...classIntervals,
              ]
                .map(csvCell)
                .join(','),
            );
            rowCount++;
          }
        }
      }
      body = `${lines.join('\n')}\n`;
    } else {
      const sets = rows.map((row) => ({
        ...provenance(row),
        classRule: row.class_rule,
        particles: classes
          .filter((c) => c.measurementId === row.id)
          .map((c) => ({ statistics: c.statistics, objects: c.objects satisfies ObjectColumns })),
        thickness: thickness.find((t) => t.measurementId === row.id)?.statistics ?? null,
      }));
      rowCount = sets.length;
      body = JSON.stringify({
        datasetId: query.datasetId,
        datasetVersionId: query.datasetVersionId ?? null,
        measurements: sets,
      });
    }
    const key = `exports/${query.datasetId}/${randomUUID()}.${query.format}`;
    await this.deps.files.putExport(
      key,
      body,
      query.format === 'csv' ? 'text/csv' : 'application/json',
    );
    return {
      format: query.format,
      url: await this.deps.files.url(key),
      rowCount,
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    };
  }
}

/** A class's set-level numbers beside their intervals, in OBJECT_COLUMNS' order. */
function classIntervalCells(uncertainty: MeasurementUncertainty | null, cls: number, statistics: ClassParticleMeasurement): (number | string)[] {
  const intervals = uncertainty?.particles.find((p) => p.class === cls);
  const triple = (value: number | null, interval: { low: number; high: number } | null | undefined) => [value ?? '', interval?.low ?? '', interval?.high ?? ''];
  const band = uncertainty?.probabilityBand;
  return [
    ...triple(statistics.count, intervals?.count),
    ...triple(statistics.areaFraction, intervals?.areaFraction),
    ...triple(statistics.equivalentDiameter.mean, intervals?.meanEquivalentDiameter),
    ...triple(statistics.equivalentDiameter.median, intervals?.equivalentDiameterPercentiles['50']),
    uncertainty?.coverage ?? '',
    band ? `${band.low}/${band.high}` : '',
  ];
}

const poolKey = (source: string, modelVersionId: string | null, unit: string) => JSON.stringify([source, modelVersionId, unit]);

/** The export's sets pooled per source, model version and unit, as the dataset summary pools them (objects and pixels, not averages). */
function pooledBySource(
  rows: readonly { id: string; source: 'ground_truth' | 'model'; model_version_id: string | null; unit: string; status: 'succeeded' | 'failed'; width: number; height: number; uncertainty: MeasurementUncertainty | null }[],
  classes: Awaited<ReturnType<MeasurementRepository['classesOf']>>,
): Map<string, PooledSource> {
  const pooled = poolMeasurements(
    rows.map((row) => ({
      source: row.source,
      modelVersionId: row.model_version_id,
      unit: row.unit,
      status: row.status,
      pixels: row.width * row.height,
      particles: classes.filter((c) => c.measurementId === row.id),
      thicknessValues: null,
      uncertainty: row.uncertainty ?? null,
    })),
    1,
  );
  return new Map(pooled.map((source) => [poolKey(source.source, source.modelVersionId, source.unit), source]));
}

/** A class's pooled numbers beside their intervals, in OBJECT_COLUMNS' order. */
function pooledCells(source: PooledSource | undefined, cls: number): (number | string)[] {
  const particles = source?.particles.find((p) => p.class === cls);
  const intervals = source?.uncertainty?.particles.find((p) => p.class === cls);
  const triple = (value: number | null | undefined, interval: { low: number; high: number } | null | undefined) => [value ?? '', interval?.low ?? '', interval?.high ?? ''];
  return [
    source?.maskCount ?? '',
    ...triple(particles?.count, intervals?.count),
    ...triple(particles?.areaFraction, intervals?.areaFraction),
    ...triple(particles?.meanEquivalentDiameter, intervals?.meanEquivalentDiameter),
    ...triple(particles?.medianEquivalentDiameter, intervals?.equivalentDiameterPercentiles['50']),
  ];
}

function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
