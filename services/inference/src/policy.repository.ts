import { type Policy, inferenceJobs } from '@microseg/contracts';
import { type Kysely, type Selectable } from '@microseg/db';
import { enqueueOutbox } from '@microseg/messaging';
import type { InferenceDatabase, PoliciesTable, RunsTable } from './inference.tables.ts';

function toPolicy(row: Selectable<PoliciesTable>): Policy {
  return {
    id: row.id,
    groupId: row.group_id,
    datasetId: row.dataset_id,
    model: row.model,
    alias: row.alias,
    modelId: row.model_id,
    modelVersionId: row.model_version_id,
    paused: row.paused,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface NewRun {
  groupId: string;
  datasetId: string;
  policyId: string | null;
  modelVersionId: string;
  trigger: Selectable<RunsTable>['trigger'];
  imageIds: readonly string[];
  /** Set for runs started by an upload: one run per (policy, upload). */
  sourceImageId?: string;
}

/** Policies and the start of runs; only this file writes them. */
export class PolicyRepository {
  constructor(private readonly db: Kysely<InferenceDatabase>) {}

  async create(values: { groupId: string; datasetId: string; model: string; alias: string; modelId: string; modelVersionId: string; createdBy: string }): Promise<{ policy: Policy; created: boolean }> {
    const inserted = await this.db
      .insertInto('policies')
      .values({ group_id: values.groupId, dataset_id: values.datasetId, model: values.model, alias: values.alias, model_id: values.modelId, model_version_id: values.modelVersionId, paused: false, created_by: values.createdBy })
      .onConflict((c) => c.columns(['dataset_id', 'model_id', 'alias']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { policy: toPolicy(inserted), created: true };
    const existing = await this.db.selectFrom('policies').selectAll().where('dataset_id', '=', values.datasetId).where('model_id', '=', values.modelId).where('alias', '=', values.alias).executeTakeFirstOrThrow();
    return { policy: toPolicy(existing), created: false };
  }

  async find(id: string, groupId: string): Promise<Policy | undefined> {
    const row = await this.db.selectFrom('policies').selectAll().where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst();
    return row ? toPolicy(row) : undefined;
  }

  async list(groupId: string, datasetId?: string): Promise<Policy[]> {
    let query = this.db.selectFrom('policies').selectAll().where('group_id', '=', groupId).orderBy('created_at');
    if (datasetId) query = query.where('dataset_id', '=', datasetId);
    return (await query.execute()).map(toPolicy);
  }

  async ofDataset(datasetId: string): Promise<Policy[]> {
    return (await this.db.selectFrom('policies').selectAll().where('dataset_id', '=', datasetId).execute()).map(toPolicy);
  }

  /** The active policies of a group that follow this model's alias. */
  async following(groupId: string, modelId: string, alias: string): Promise<Policy[]> {
    const rows = await this.db.selectFrom('policies').selectAll().where('group_id', '=', groupId).where('model_id', '=', modelId).where('alias', '=', alias).where('paused', '=', false).execute();
    return rows.map(toPolicy);
  }

  /** Records the version the policy's alias names now. */
  async setResolvedVersion(id: string, modelVersionId: string): Promise<void> {
    await this.db.updateTable('policies').set({ model_version_id: modelVersionId, updated_at: new Date() }).where('id', '=', id).execute();
  }

  async setPaused(id: string, groupId: string, paused: boolean): Promise<Policy | undefined> {
    const row = await this.db.updateTable('policies').set({ paused, updated_at: new Date() }).where('id', '=', id).where('group_id', '=', groupId).returningAll().executeTakeFirst();
    return row ? toPolicy(row) : undefined;
  }

  /**
   * A run and its segmentation jobs in one transaction: the jobs are published (through the
   * outbox) if and only if the run is recorded. Returns undefined when the same upload or alias move already started it.
   */
  async startRun(run: NewRun): Promise<string | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('runs')
        .values({ group_id: run.groupId, dataset_id: run.datasetId, policy_id: run.policyId, model_version_id: run.modelVersionId, trigger: run.trigger, total: run.imageIds.length, source_image_id: run.sourceImageId ?? null })
        // Either key: (policy, upload) for upload runs, (policy, version) for alias-move runs.
        .onConflict((c) => c.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return undefined;
      for (const imageId of run.imageIds) {
        await enqueueOutbox(trx, inferenceJobs.segment, {
          groupId: run.groupId,
          imageId,
          datasetId: run.datasetId,
          modelVersionId: run.modelVersionId,
          runId: inserted.id,
          probabilities: false,
        });
      }
      return inserted.id;
    });
  }
}
