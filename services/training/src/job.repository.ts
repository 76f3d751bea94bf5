import type { EpochRecord, PageRequest, TrainingJob, TrainingJobState, TrainingProgress, WorkerKind } from '@microseg/contracts';
import { type Insertable, type Kysely, type Selectable, type Transaction, sql } from '@microseg/db';
import type { EpochReport } from '@microseg/training-recipe';
import { pageOf, parseCursor } from './page-cursor.ts';
import { type JobErrorRow, type TrainingDatabase, type TrainingJobsTable, runRecipe } from './training.tables.ts';

export type JobRow = Selectable<TrainingJobsTable>;

export function toTrainingJob(row: JobRow, queuePosition: number | null): TrainingJob {
  return {
    id: row.id,
    groupId: row.group_id,
    createdBy: row.created_by,
    state: row.state,
    queuePosition,
    workerKind: row.worker_kind,
    workerId: row.worker_id,
    attempts: row.attempts,
    datasetId: row.dataset_id,
    datasetVersionId: row.dataset_version_id,
    datasetHash: row.dataset_hash,
    experiment: row.experiment,
    architecture: row.architecture,
    encoder: row.encoder,
    classes: row.classes,
    binary: row.binary,
    init: row.init,
    recipe: runRecipe(row.recipe),
    classRule: row.class_rule,
    sixteenBitInput: row.sixteen_bit_input,
    modelName: row.model_name,
    progress: row.progress,
    checkpointEpoch: row.checkpoint_epoch,
    error: row.error,
    modelVersionId: row.model_version_id,
    benchmarkId: row.benchmark_id,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const queuePosition = sql<string | null>`case when training_jobs.state = 'queued' then (
  select count(*) + 1 from training_jobs q
  where q.state = 'queued' and (q.queued_at, q.id) < (training_jobs.queued_at, training_jobs.id)
) end`.as('queue_position');

const FINISHED: readonly TrainingJobState[] = ['succeeded', 'failed', 'cancelled'];

/** Training jobs and their per-epoch progress: the only code touching these tables. */
export class JobRepository {
  constructor(private readonly db: Kysely<TrainingDatabase>) {}

  async insert(trx: Transaction<TrainingDatabase>, values: Insertable<TrainingJobsTable>): Promise<JobRow> {
    return trx.insertInto('training_jobs').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async find(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('training_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The job as the API shows it, with its place in the queue. */
  async findView(id: string): Promise<{ row: JobRow; job: TrainingJob } | undefined> {
    const found = await this.db.selectFrom('training_jobs').selectAll().select(queuePosition).where('id', '=', id).executeTakeFirst();
    if (!found) return undefined;
    const { queue_position, ...row } = found;
    return { row, job: toTrainingJob(row, queue_position === null ? null : Number(queue_position)) };
  }

  async list(groupId: string, page: PageRequest & { state?: TrainingJobState | undefined; datasetId?: string | undefined; benchmarkId?: string | undefined }) {
    let query = this.db.selectFrom('training_jobs').selectAll().select(queuePosition).where('group_id', '=', groupId);
    if (page.state) query = query.where('state', '=', page.state);
    if (page.datasetId) query = query.where('dataset_id', '=', page.datasetId);
    if (page.benchmarkId) query = query.where('benchmark_id', '=', page.benchmarkId);
    if (page.after) {
      const { createdAt, id } = parseCursor(page.after);
      query = query.where(sql<boolean>`(created_at, id) < (${createdAt}, ${id})`);
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.first + 1).execute();
    return pageOf(rows, page.first, ({ queue_position, ...row }) => toTrainingJob(row, queue_position === null ? null : Number(queue_position)));
  }

  async listByBenchmark(benchmarkId: string): Promise<JobRow[]> {
    return this.db.selectFrom('training_jobs').selectAll().where('benchmark_id', '=', benchmarkId).orderBy('created_at').orderBy('id').execute();
  }

  /**
   * A worker takes the job: running again if a dead worker had it. Finished jobs (and jobs
   * cancelled while queued) are not taken: the message is a stale delivery.
   */
  async claim(id: string, worker: { id: string; kind: WorkerKind }): Promise<JobRow | undefined> {
    return this.db
      .updateTable('training_jobs')
      .set((eb) => ({
        state: 'running',
        worker_id: worker.id,
        worker_kind: worker.kind,
        attempts: eb('attempts', '+', 1),
        started_at: sql`coalesce(started_at, now())`,
      }))
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      .where('cancel_requested', '=', false)
      .returningAll()
      .executeTakeFirst();
  }

  /** One finished epoch; a worker that resumes may record an epoch twice (same values: the run is deterministic). */
  async recordEpoch(jobId: string, report: EpochReport, progress: TrainingProgress): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('training_epochs')
        .values({
          job_id: jobId,
          epoch: report.epoch,
          step: report.step,
          loss: report.loss,
          val_iou: report.valIou,
          learning_rate: report.learningRate,
          seconds: report.epochSeconds,
          improved: report.improved,
        })
        .onConflict((oc) =>
          oc.columns(['job_id', 'epoch']).doUpdateSet((eb) => ({
            step: eb.ref('excluded.step'),
            loss: eb.ref('excluded.loss'),
            val_iou: eb.ref('excluded.val_iou'),
            learning_rate: eb.ref('excluded.learning_rate'),
            seconds: eb.ref('excluded.seconds'),
            improved: eb.ref('excluded.improved'),
            at: sql`now()`,
          })),
        )
        .execute();
      await trx
        .updateTable('training_jobs')
        .set({ progress: JSON.stringify(progress), checkpoint_epoch: report.epoch })
        .where('id', '=', jobId)
        .execute();
    });
  }

  async setProgress(jobId: string, progress: TrainingProgress, checkpointEpoch?: number): Promise<void> {
    await this.db
      .updateTable('training_jobs')
      .set({ progress: JSON.stringify(progress), ...(checkpointEpoch === undefined ? {} : { checkpoint_epoch: checkpointEpoch }) })
      .where('id', '=', jobId)
      .execute();
  }

  async epochs(jobId: string): Promise<EpochRecord[]> {
    const rows = await this.db.selectFrom('training_epochs').selectAll().where('job_id', '=', jobId).orderBy('epoch').execute();
    return rows.map((r) => ({
      epoch: r.epoch,
      step: r.step,
      loss: r.loss,
      valIou: r.val_iou,
      learningRate: r.learning_rate,
      seconds: r.seconds,
      improved: r.improved,
      at: r.at.toISOString(),
    }));
  }

  async isCancelRequested(jobId: string): Promise<boolean> {
    const row = await this.db.selectFrom('training_jobs').select('cancel_requested').where('id', '=', jobId).executeTakeFirst();
    return row?.cancel_requested ?? true;
  }

  /** Ends a job; a job already finished stays as it was (the first ending wins). */
  async finish(
    jobId: string,
    state: 'succeeded' | 'failed' | 'cancelled',
    outcome: { error?: JobErrorRow; modelVersionId?: string } = {},
    trx: Kysely<TrainingDatabase> = this.db,
  ): Promise<JobRow | undefined> {
    return trx
      .updateTable('training_jobs')
      .set({
        state,
        finished_at: sql`now()`,
        error: JSON.stringify(outcome.error ?? null),
        ...(outcome.modelVersionId ? { model_version_id: outcome.modelVersionId } : {}),
      })
      .where('id', '=', jobId)
      .where('state', 'not in', FINISHED)
      .returningAll()
      .executeTakeFirst();
  }

  /** Queued jobs are cancelled at once; running ones when their worker next looks (between steps). */
  async requestCancel(jobId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('training_jobs').set({ cancel_requested: true }).where('id', '=', jobId).where('state', 'in', ['queued', 'running']).execute();
      await trx.updateTable('training_jobs').set({ state: 'cancelled', finished_at: sql`now()` }).where('id', '=', jobId).where('state', '=', 'queued').execute();
    });
  }

  /** Back in the queue after failing or being cancelled; the caller publishes the job in `trx`. */
  async requeue(trx: Transaction<TrainingDatabase>, jobId: string): Promise<JobRow | undefined> {
    return trx
      .updateTable('training_jobs')
      .set({ state: 'queued', error: JSON.stringify(null), cancel_requested: false, finished_at: null, queued_at: sql`now()` })
      .where('id', '=', jobId)
      .where('state', 'in', ['failed', 'cancelled'])
      .returningAll()
      .executeTakeFirst();
  }
}
