import { randomUUID } from 'node:crypto';
import type { Kysely } from '@microseg/db';
import { JobRepository, type TrainingDatabase, trainingMigrations } from '@microseg/training-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigratedDatabase, migratedDatabase } from '../harness/index.ts';

/**
 * Medium tests of the training service's job repository against the real PostgreSQL (its own
 * migrations, no NATS, no workers): the state changes a job goes through when workers, redeliveries
 * and cancellations meet.
 */
describe('JobRepository against PostgreSQL', () => {
  let database: MigratedDatabase<TrainingDatabase>;
  let db: Kysely<TrainingDatabase>;
  let jobs: JobRepository;
  const groupId = randomUUID();
  const worker = { id: 'worker-a', kind: 'cpu' as const };

  beforeAll(async () => {
    database = await migratedDatabase<TrainingDatabase>('training', trainingMigrations);
    db = database.db;
    jobs = new JobRepository(db);
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });

  /** A queued job as JobSubmission records it (the columns a worker and the API read). */
  async function queuedJob() {
    const memberId = randomUUID();
    return db.transaction().execute((trx) =>
      jobs.insert(trx, {
        group_id: groupId,
        created_by: memberId,
        principal: JSON.stringify({ groupId, groupName: 'Medium lab', memberId, keyId: randomUUID(), role: 'member' }),
        state: 'queued',
        dataset_id: randomUUID(),
        dataset_version_id: randomUUID(),
        dataset_hash: 'sha256:medium',
        experiment: 'Super1',
        material: 'super',
        architecture: 'unet',
        encoder: 'resnet18',
        classes: JSON.stringify([{ index: 0, name: 'matrix' }, { index: 1, name: 'precipitate' }]),
        binary: true,
        init: JSON.stringify({ kind: 'random', id: null, name: 'random' }),
        recipe: JSON.stringify({ epochs: 2 }),
        class_rule: 'threshold',
        sixteen_bit_input: 'full_range',
        model_name: `medium-${randomUUID().slice(0, 8)}`,
        data: JSON.stringify({ train: [], val: [], test: [] }),
        progress: JSON.stringify({ epoch: 0, step: 0, loss: null, valIou: null, bestValIou: null, learningRate: 1e-3, maxEpochs: 2, etaSeconds: null }),
        checkpoint_epoch: null,
        error: JSON.stringify(null),
        worker_kind: null,
        worker_id: null,
        model_version_id: null,
        benchmark_id: null,
        started_at: null,
        finished_at: null,
      }),
    );
  }

  it('lets a redelivered job be claimed again, counting attempts and keeping when it first started', async () => {
    const job = await queuedJob();
    const first = await jobs.claim(job.id, worker);
    expect(first).toMatchObject({ state: 'running', worker_id: 'worker-a', attempts: 1 });
    const again = await jobs.claim(job.id, { id: 'worker-b', kind: 'gpu' });
    expect(again).toMatchObject({ state: 'running', worker_id: 'worker-b', worker_kind: 'gpu', attempts: 2 });
    expect(again!.started_at).toEqual(first!.started_at);
  });

  it('cancels a queued job at once, so a stale delivery cannot start it; a running one is asked to stop', async () => {
    const queued = await queuedJob();
    await jobs.requestCancel(queued.id);
    expect(await jobs.find(queued.id)).toMatchObject({ state: 'cancelled', cancel_requested: true });
    expect(await jobs.claim(queued.id, worker)).toBeUndefined();

    const running = await queuedJob();
    await jobs.claim(running.id, worker);
    await jobs.requestCancel(running.id);
    expect(await jobs.find(running.id)).toMatchObject({ state: 'running', cancel_requested: true });
    expect(await jobs.isCancelRequested(running.id)).toBe(true);
  });

  it('ends a job once: of two endings racing, exactly one is recorded', async () => {
    const job = await queuedJob();
    await jobs.claim(job.id, worker);
    const endings = await Promise.all([
      jobs.finish(job.id, 'succeeded', { modelVersionId: randomUUID() }),
      jobs.finish(job.id, 'failed', { error: { code: 'INTERNAL', message: 'worker lost', details: {} } }),
    ]);
    const recorded = endings.filter((row) => row !== undefined);
    expect(recorded).toHaveLength(1);
    expect((await jobs.find(job.id))!.state).toBe(recorded[0]!.state);
    expect(await jobs.finish(job.id, 'cancelled')).toBeUndefined();
  });

  it('records an epoch a resumed worker repeats once, with the latest values', async () => {
    const job = await queuedJob();
    await jobs.claim(job.id, worker);
    const report = { epoch: 1, step: 10, loss: 0.5, valIou: 0.6, learningRate: 1e-3, epochSeconds: 2, improved: true };
    const progress = { epoch: 1, step: 10, loss: 0.5, valIou: 0.6, bestValIou: 0.6, learningRate: 1e-3, maxEpochs: 2, etaSeconds: 2 };
    await jobs.recordEpoch(job.id, report, progress);
    await jobs.recordEpoch(job.id, { ...report, epochSeconds: 3 }, progress);
    const epochs = await jobs.epochs(job.id);
    expect(epochs).toHaveLength(1);
    expect(epochs[0]).toMatchObject({ epoch: 1, loss: 0.5, valIou: 0.6, seconds: 3 });
    expect((await jobs.find(job.id))!.checkpoint_epoch).toBe(1);
  });

  it('requeues only a failed or cancelled job, clearing its error and cancellation', async () => {
    const job = await queuedJob();
    await jobs.claim(job.id, worker);
    expect(await db.transaction().execute((trx) => jobs.requeue(trx, job.id))).toBeUndefined();
    await jobs.requestCancel(job.id);
    await jobs.finish(job.id, 'cancelled');
    const requeued = await db.transaction().execute((trx) => jobs.requeue(trx, job.id));
    expect(requeued).toMatchObject({ state: 'queued', cancel_requested: false, finished_at: null, error: null });
    expect(await jobs.claim(job.id, worker)).toMatchObject({ state: 'running', attempts: 2 });
  });
});
