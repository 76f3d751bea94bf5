import type { Experiment } from '@microseg/contracts';
import { type Kysely, sql } from '@microseg/db';
import { notFound } from '@microseg/errors';
import type { DatasetDatabase } from './dataset.tables.ts';
import { toExperiment } from './row-mapping.ts';

export interface ExperimentInput {
  datasetId: string;
  name: string;
  train: readonly string[];
  val: readonly string[];
  test: readonly string[];
  notes: Record<string, string>;
}

/** Experiments and their train/val/test assignments: the only code touching those tables. */
export class ExperimentRepository {
  constructor(private readonly db: Kysely<DatasetDatabase>) {}

  /** Creates the experiment or replaces its assignments, in one transaction. */
  async set(input: ExperimentInput): Promise<Experiment> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('experiments')
        .select('id')
        .where('dataset_id', '=', input.datasetId)
        .where('name', '=', input.name)
        .where('deleted_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      const row = existing
        ? await trx
            .updateTable('experiments')
            .set({ notes: JSON.stringify(input.notes), updated_at: new Date() })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('experiments')
            .values({ dataset_id: input.datasetId, name: input.name, notes: JSON.stringify(input.notes), deleted_at: null, deleted_by: null })
            .returningAll()
            .executeTakeFirstOrThrow();
      await trx.deleteFrom('split_assignments').where('experiment_id', '=', row.id).execute();
      const assignments = (['train', 'val', 'test'] as const).flatMap((subset) => input[subset].map((image_id) => ({ experiment_id: row.id, image_id, subset })));
      if (assignments.length > 0) await trx.insertInto('split_assignments').values(assignments).execute();
      return toExperiment(row, assignments);
    });
  }

  async list(datasetId: string): Promise<Experiment[]> {
    const rows = await this.db
      .selectFrom('experiments')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .execute();
    if (rows.length === 0) return [];
    const assignments = await this.db
      .selectFrom('split_assignments')
      .innerJoin('images', 'images.id', 'split_assignments.image_id')
      .select(['split_assignments.experiment_id', 'split_assignments.image_id', 'split_assignments.subset'])
      .where('split_assignments.experiment_id', 'in', rows.map((r) => r.id))
      .where('images.deleted_at', 'is', null)
      // Name order makes a split read the same however it was assigned.
      .orderBy('images.name')
      .execute();
    return rows.map((row) => toExperiment(row, assignments.filter((a) => a.experiment_id === row.id)));
  }

  async softDelete(datasetId: string, name: string, memberId: string): Promise<{ id: string; deletedAt: Date }> {
    const row = await this.db
      .updateTable('experiments')
      .set({ deleted_at: sql<Date>`now()`, deleted_by: memberId })
      .where('dataset_id', '=', datasetId)
      .where('name', '=', name)
      .where('deleted_at', 'is', null)
      .returning(['id', 'deleted_at'])
      .executeTakeFirst();
    if (!row?.deleted_at) throw notFound('experiment', name);
    return { id: row.id, deletedAt: row.deleted_at };
  }
}
