import { type PipelineRun, type Segmentation, inferenceEvents } from '@microseg/contracts';
import { type Kysely, type Selectable, sql } from '@microseg/db';
import { enqueueOutbox } from '@microseg/messaging';
import type { InferenceDatabase, RunsTable, SegmentationsTable } from './inference.tables.ts';

export type NewSegmentation = Omit<Selectable<SegmentationsTable>, 'id' | 'created_at' | 'error'> & {
  error: { code: string; message: string; details: Record<string, unknown> } | null;
};

function toSegmentation(row: Selectable<SegmentationsTable>): Segmentation {
  const ref = (bucket: string | null, key: string | null, sha256: string | null) => (bucket && key && sha256 ? { bucket, key, sha256 } : null);
  return {
    id: row.id,
    groupId: row.group_id,
    imageId: row.image_id,
    datasetId: row.dataset_id,
    modelVersionId: row.model_version_id,
    status: row.status,
    error: row.error,
    maskId: row.mask_id,
    mask: ref(row.mask_bucket, row.mask_key, row.mask_sha256),
    probabilities: ref(row.probabilities_bucket, row.probabilities_key, row.probabilities_sha256),
    runId: row.run_id,
    backend: row.backend,
    tiles: row.tiles,
    computeMs: row.compute_ms,
    codeVersion: row.code_version,
    createdAt: row.created_at.toISOString(),
    outOfDistribution: row.ood_method
      ? { method: row.ood_method, score: row.ood_score, threshold: row.ood_threshold, flagged: row.ood_flagged, reason: row.ood_reason }
      : null,
  };
}

/** Segmentations and the progress of runs; only this file touches those tables. */
export class SegmentationRepository {
  constructor(private readonly db: Kysely<InferenceDatabase>) {}

  async find(imageId: string, modelVersionId: string): Promise<Segmentation | undefined> {
    const row = await this.db.selectFrom('segmentations').selectAll().where('image_id', '=', imageId).where('model_version_id', '=', modelVersionId).executeTakeFirst();
    return row ? toSegmentation(row) : undefined;
  }

  async ofImages(imageIds: readonly string[]): Promise<Segmentation[]> {
    if (imageIds.length === 0) return [];
    const rows = await this.db.selectFrom('segmentations').selectAll().where('image_id', 'in', imageIds).orderBy('created_at').execute();
    return rows.map(toSegmentation);
  }

  /** Newest first; the cursor is the last row's id, so a page boundary never skips or repeats a row. */
  async ofDataset(filter: { datasetId: string; modelVersionId?: string; status?: 'succeeded' | 'failed'; first: number; after?: string }) {
    let query = this.db.selectFrom('segmentations').selectAll().where('dataset_id', '=', filter.datasetId);
    if (filter.modelVersionId) query = query.where('model_version_id', '=', filter.modelVersionId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.after) {
      const after = filter.after;
      query = query.where(sql<boolean>`(created_at, id) < (select c.created_at, c.id from segmentations c where c.id = ${after})`);
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.first + 1).execute();
    const nodes = rows.slice(0, filter.first).map(toSegmentation);
    return { nodes, endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > filter.first };
  }

  /**
   * Stores a finished segmentation with its `segmentation.completed` event in one transaction.
   * A second delivery of the same (image, version) stores nothing and gets the first one back.
   */
  async save(values: NewSegmentation): Promise<{ segmentation: Segmentation; created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('segmentations')
        .values({ ...values, error: JSON.stringify(values.error) })
        .onConflict((c) => c.columns(['image_id', 'model_version_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (values.run_id) await this.markRunItem(trx, values.run_id, values.image_id, values.status);
      if (!inserted) {
        const existing = await trx.selectFrom('segmentations').selectAll().where('image_id', '=', values.image_id).where('model_version_id', '=', values.model_version_id).executeTakeFirstOrThrow();
        return { segmentation: toSegmentation(existing), created: false };
      }
      const segmentation = toSegmentation(inserted);
      await enqueueOutbox(trx, inferenceEvents.segmentationCompleted, {
        segmentationId: segmentation.id,
        imageId: segmentation.imageId,
        datasetId: segmentation.datasetId,
        groupId: segmentation.groupId,
        modelVersionId: segmentation.modelVersionId,
        maskId: segmentation.maskId,
        status: segmentation.status,
        error: segmentation.error ? { code: segmentation.error.code, message: segmentation.error.message } : null,
        runId: segmentation.runId,
        completedAt: segmentation.createdAt,
        outOfDistribution: segmentation.outOfDistribution,
      });
      return { segmentation, created: true };
    });
  }

  /** An image already segmented by this version counts as done for a later run too. */
  async markRunItem(db: Kysely<InferenceDatabase> | undefined, runId: string, imageId: string, status: 'succeeded' | 'failed'): Promise<void> {
    await (db ?? this.db).insertInto('run_items').values({ run_id: runId, image_id: imageId, status }).onConflict((c) => c.columns(['run_id', 'image_id']).doNothing()).execute();
  }

  async run(id: string, groupId: string): Promise<PipelineRun | undefined> {
    const [run] = await this.runs(groupId, { id, limit: 1 });
    return run;
  }

  /** The group's runs, newest first, a page at a time; the cursor is the last run's id. */
  async runPage(groupId: string, filter: { datasetId?: string; state?: PipelineRun['state']; first: number; after?: string }) {
    const rows = await this.runs(groupId, { ...filter, limit: filter.first + 1 });
    const nodes = rows.slice(0, filter.first);
    return { nodes, endCursor: nodes.at(-1)?.id ?? null, hasNextPage: rows.length > filter.first };
  }

  private async runs(groupId: string, filter: { id?: string; datasetId?: string; state?: PipelineRun['state']; after?: string; limit: number }): Promise<PipelineRun[]> {
    let query = this.db
      .selectFrom('runs')
      .leftJoin('run_items', 'run_items.run_id', 'runs.id')
      .selectAll('runs')
      .select([
        sql<number>`count(run_items.image_id) filter (where run_items.status = 'succeeded')::int`.as('segmented'),
        sql<number>`count(run_items.image_id) filter (where run_items.status = 'failed')::int`.as('failed'),
        // The run's version's segmentation of each item (one per image and version), whichever run made it.
        sql<number>`count(run_items.image_id) filter (where (select s.ood_flagged from segmentations s where s.image_id = run_items.image_id and s.model_version_id = runs.model_version_id))::int`.as('out_of_distribution'),
        sql<Date | null>`max(run_items.done_at)`.as('last_done'),
      ])
      .where('runs.group_id', '=', groupId)
      .groupBy('runs.id')
      .orderBy('runs.created_at', 'desc')
      .orderBy('runs.id', 'desc')
      .limit(filter.limit);
    if (filter.id) query = query.where('runs.id', '=', filter.id);
    if (filter.datasetId) query = query.where('runs.dataset_id', '=', filter.datasetId);
    if (filter.after) {
      const after = filter.after;
      query = query.where(sql<boolean>`(runs.created_at, runs.id) < (select c.created_at, c.id from runs c where c.id = ${after})`);
    }
    // The state is derived from the run's items (as toRun does), so it is filtered after grouping.
    if (filter.state) query = query.having(runStateIs(filter.state));
    return (await query.execute()).map((row) => toRun(row));
  }
}

const doneItems = sql<number>`count(run_items.image_id)`;
const failedItems = sql<number>`count(run_items.image_id) filter (where run_items.status = 'failed')`;
const succeededItems = sql<number>`count(run_items.image_id) filter (where run_items.status = 'succeeded')`;

function runStateIs(state: PipelineRun['state']) {
  const done = sql<boolean>`${doneItems} >= runs.total`;
  const allFailed = sql<boolean>`${failedItems} > 0 and ${succeededItems} = 0`;
  if (state === 'running') return sql<boolean>`not (${done})`;
  if (state === 'failed') return sql<boolean>`(${done}) and ${allFailed}`;
  return sql<boolean>`(${done}) and not (${allFailed})`;
}

function toRun(row: Selectable<RunsTable> & { segmented: number; failed: number; out_of_distribution: number; last_done: Date | null }): PipelineRun {
  const done = row.segmented + row.failed >= row.total;
  return {
    id: row.id,
    groupId: row.group_id,
    datasetId: row.dataset_id,
    policyId: row.policy_id,
    modelVersionId: row.model_version_id,
    trigger: row.trigger,
    state: !done ? 'running' : row.failed > 0 && row.segmented === 0 ? 'failed' : 'succeeded',
    total: row.total,
    segmented: row.segmented,
    failed: row.failed,
    outOfDistribution: row.out_of_distribution,
    createdAt: row.created_at.toISOString(),
    finishedAt: done && row.last_done ? new Date(row.last_done).toISOString() : null,
  };
}
