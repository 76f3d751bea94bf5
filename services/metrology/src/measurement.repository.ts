import {
  type MaskToMeasure,
  type MeasurementKind,
  type MeasurementPixelSizeSource,
  type MeasurementProfile,
  type MeasurementUncertainty,
  metrologyEvents,
} from '@microseg/contracts';
import { type Kysely, type Selectable, sql } from '@microseg/db';
import { enqueueOutbox } from '@microseg/messaging';
import type { MaskAnalysis, ObjectColumns, ThicknessResult } from './mask-analysis.ts';
import type { MeasurementSetsTable, MetrologyDatabase } from './metrology.tables.ts';

export type MeasurementSetRow = Selectable<MeasurementSetsTable>;

/** What identifies a measurement: re-measuring the same mask with the same profile by the same code is a no-op. */
export interface MeasurementKey {
  maskId: string;
  profileHash: string;
  codeVersion: string;
}

export interface NewMeasurement {
  mask: MaskToMeasure;
  key: MeasurementKey;
  profile: MeasurementProfile;
  pixelSize: MaskToMeasure['pixelSize'];
  pixelSizeSource: MeasurementPixelSizeSource | null;
  startedAt: Date;
  outcome:
    | {
        status: 'succeeded';
        analysis: MaskAnalysis;
        uncertainty: MeasurementUncertainty;
        plots: { sizeHistogramKey: string | null; thicknessHistogramKey: string | null };
      }
    | {
        status: 'failed';
        error: { code: string; message: string; details: Record<string, unknown> };
      };
}

export interface StoredClass {
  measurementId: string;
  class: number;
  pixelCount: number;
  statistics: unknown;
  objects: ObjectColumns;
}

export interface SetFilter {
  source?: 'ground_truth' | 'model' | undefined;
  modelVersionId?: string | undefined;
}

function kindsOf(analysis: MaskAnalysis): MeasurementKind[] {
  return [
    ...(analysis.particles.length > 0 ? (['particles'] as const) : []),
    ...(analysis.thickness ? (['thickness'] as const) : []),
  ];
}

export class MeasurementRepository {
  constructor(private readonly db: Kysely<MetrologyDatabase>) {}

  async find(key: MeasurementKey): Promise<MeasurementSetRow | undefined> {
    return this.db
      .selectFrom('measurement_sets')
      .selectAll()
      .where('mask_id', '=', key.maskId)
      .where('profile_hash', '=', key.profileHash)
      .where('code_version', '=', key.codeVersion)
      .executeTakeFirst();
  }

  /**
   * Stores a measurement, its per-class rows and its `measurement.completed` event in one
   * transaction. A measurement with the same key already stored (a redelivery, a second replica)
   * wins: nothing is written and false is returned.
   */
  async save(input: NewMeasurement): Promise<{ created: boolean; id: string }> {
    const { mask, key, outcome } = input;
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('measurement_sets')
        .values({
          mask_id: key.maskId,
          image_id: mask.imageId,
          dataset_id: mask.datasetId,
          group_id: mask.groupId,
          source: mask.source,
          model_version_id: mask.modelVersionId,
          mask_sha256: mask.index.sha256,
          profile: JSON.stringify(input.profile),
          profile_hash: key.profileHash,
          code_version: key.codeVersion,
          pixel_size_value: input.pixelSize?.value ?? null,
          pixel_size_unit: input.pixelSize?.unit ?? null,
          pixel_size_source: input.pixelSizeSource,
          unit:
            outcome.status === 'succeeded'
              ? outcome.analysis.unit
              : (input.pixelSize?.unit ?? 'px'),
          width: mask.width,
          height: mask.height,
          status: outcome.status,
          error: JSON.stringify(outcome.status === 'failed' ? outcome.error : null),
          size_histogram_key:
            outcome.status === 'succeeded' ? outcome.plots.sizeHistogramKey : null,
          thickness_histogram_key:
            outcome.status === 'succeeded' ? outcome.plots.thicknessHistogramKey : null,
          uncertainty: JSON.stringify(outcome.status === 'succeeded' ? outcome.uncertainty : null),
          started_at: input.startedAt,
        })
        .onConflict((oc) => oc.constraint('measurement_sets_identity').doNothing())
        .returning(['id', 'completed_at'])
        .executeTakeFirst();
      if (!inserted) {
        const existing = await trx
          .selectFrom('measurement_sets')
          .select('id')
          .where('mask_id', '=', key.maskId)
          .where('profile_hash', '=', key.profileHash)
          .where('code_version', '=', key.codeVersion)
          .executeTakeFirstOrThrow();
        return { created: false, id: existing.id };
      }
      if (outcome.status === 'succeeded') {
        const { particles, thickness } = outcome.analysis;
        if (particles.length > 0) {
          await trx
            .insertInto('particle_classes')
            .values(
              particles.map((p) => ({
                measurement_id: inserted.id,
                class: p.statistics.class,
                pixel_count: p.statistics.pixelCount,
                count: p.statistics.count,
                statistics: JSON.stringify(p.statistics),
                objects: JSON.stringify(p.objects),
              })),
            )
            .execute();
        }
        if (thickness) await insertThickness(trx, inserted.id, thickness);
      }
      await enqueueOutbox(trx, metrologyEvents.measurementCompleted, {
        measurementId: inserted.id,
        maskId: key.maskId,
        imageId: mask.imageId,
        datasetId: mask.datasetId,
        groupId: mask.groupId,
        source: mask.source,
        modelVersionId: mask.modelVersionId,
        profileHash: key.profileHash,
        codeVersion: key.codeVersion,
        status: outcome.status,
        error:
          outcome.status === 'failed'
            ? { code: outcome.error.code, message: outcome.error.message }
            : null,
        kinds: outcome.status === 'succeeded' ? kindsOf(outcome.analysis) : [],
        uncertainty: outcome.status === 'succeeded' ? outcome.uncertainty : null,
        completedAt: inserted.completed_at.toISOString(),
      });
      return { created: true, id: inserted.id };
    });
  }

  async findById(id: string): Promise<MeasurementSetRow | undefined> {
    return this.db.selectFrom('measurement_sets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every measurement of an image's masks, newest first. */
  async ofImage(imageId: string, filter: SetFilter): Promise<MeasurementSetRow[]> {
    let query = this.db.selectFrom('measurement_sets').selectAll().where('image_id', '=', imageId);
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.modelVersionId) query = query.where('model_version_id', '=', filter.modelVersionId);
    return query.orderBy('completed_at', 'desc').execute();
  }

  /** A dataset's measurements newest first; the cursor is the last row's id, so a page boundary never skips or repeats a row. */
  async ofDataset(
    datasetId: string,
    filter: SetFilter & { status?: 'succeeded' | 'failed' | undefined; first: number; after?: string | undefined },
  ): Promise<{ rows: MeasurementSetRow[]; hasNextPage: boolean }> {
    let query = this.db.selectFrom('measurement_sets').selectAll().where('dataset_id', '=', datasetId);
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.modelVersionId) query = query.where('model_version_id', '=', filter.modelVersionId);
    if (filter.status) query = query.where('status', '=', filter.status);
    const after = filter.after;
    if (after) {
      query = query.where(sql<boolean>`(completed_at, id) < (select c.completed_at, c.id from measurement_sets c where c.id = ${after})`);
    }
    const rows = await query.orderBy('completed_at', 'desc').orderBy('id', 'desc').limit(filter.first + 1).execute();
    return { rows: rows.slice(0, filter.first), hasNextPage: rows.length > filter.first };
  }

  /**
   * The measurements a dataset summary pools: per mask, the newest one under `profileHash`. Without
   * a version: the current masks. With one: its images, and for ground truth exactly the frozen
   * masks (by sha256), even when a newer mask replaced them since.
   */
  async forSummary(
    datasetId: string,
    profileHash: string,
    filter: SetFilter & {
      imageId?: string | undefined;
      version?:
        { imageIds: string[]; groundTruth: { imageId: string; sha256: string }[] } | undefined;
    },
  ): Promise<MeasurementSetRow[]> {
    let query = this.db
      .selectFrom('measurement_sets as s')
      .innerJoin('masks as m', 'm.id', 's.mask_id')
      .selectAll('s')
      .distinctOn('s.mask_id')
      .where('s.dataset_id', '=', datasetId)
      .where('s.profile_hash', '=', profileHash);
    if (filter.source) query = query.where('s.source', '=', filter.source);
    if (filter.modelVersionId)
      query = query.where('s.model_version_id', '=', filter.modelVersionId);
    if (filter.imageId) query = query.where('s.image_id', '=', filter.imageId);
    const version = filter.version;
    if (!version) {
      query = query.where('m.superseded_at', 'is', null);
    } else {
      const frozen = version.groundTruth.map((g) => `${g.imageId}:${g.sha256}`);
      query = query.where((eb) =>
        eb.or([
          eb.and([
            eb('s.source', '=', 'ground_truth'),
            frozen.length
              ? eb(sql<string>`s.image_id::text || ':' || s.mask_sha256`, 'in', frozen)
              : eb.val(false),
          ]),
          eb.and([
            eb('s.source', '=', 'model'),
            eb('m.superseded_at', 'is', null),
            version.imageIds.length ? eb('s.image_id', 'in', version.imageIds) : eb.val(false),
          ]),
        ]),
      );
    }
    return query.orderBy('s.mask_id').orderBy('s.completed_at', 'desc').execute();
  }

  async classesOf(measurementIds: readonly string[], withObjects: boolean): Promise<StoredClass[]> {
    if (measurementIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('particle_classes')
      .select(['measurement_id', 'class', 'pixel_count', 'statistics'])
      .$if(withObjects, (q) => q.select('objects'))
      .where('measurement_id', 'in', measurementIds)
      .orderBy('class')
      .execute();
    return rows.map((row) => ({
      measurementId: row.measurement_id,
      class: row.class,
      pixelCount: Number(row.pixel_count),
      statistics: row.statistics,
      objects: ('objects' in row
        ? row.objects
        : { area: [], equivalentDiameter: [], touchesBorder: [] }) as ObjectColumns,
    }));
  }

  async thicknessOf(
    measurementIds: readonly string[],
    withValues: boolean,
  ): Promise<{ measurementId: string; statistics: unknown; values: number[] | null; profile: ThicknessResult['profile'] | null }[]> {
    if (measurementIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('thickness_results')
      .select(['measurement_id', 'statistics'])
      .$if(withValues, (q) => q.select(['values', 'profile']))
      .where('measurement_id', 'in', measurementIds)
      .execute();
    return rows.map((row) => ({
      measurementId: row.measurement_id,
      statistics: row.statistics,
      values: 'values' in row ? (row.values as number[]) : null,
      profile: 'profile' in row ? (row.profile as ThicknessResult['profile']) : null,
    }));
  }
}

async function insertThickness(
  trx: Kysely<MetrologyDatabase>,
  measurementId: string,
  thickness: ThicknessResult,
): Promise<void> {
  await trx
    .insertInto('thickness_results')
    .values({
      measurement_id: measurementId,
      statistics: JSON.stringify(thickness.statistics),
      values: JSON.stringify(thickness.values),
      profile: JSON.stringify(thickness.profile),
    })
    .execute();
}
