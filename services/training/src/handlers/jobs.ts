import { type PrincipalTokens, trainingContracts as c } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import { conflict, notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type RequestServer, enqueueOutbox, serveAuthenticated } from '@microseg/messaging';
import { trainingJobs } from '@microseg/contracts';
import type { NatsConnection } from 'nats';
import type { Benchmarks } from '../benchmarks.ts';
import type { JobSubmission } from '../job-submission.ts';
import type { JobRepository } from '../job.repository.ts';
import type { TrainingDatabase } from '../training.tables.ts';
import { requireRole, type Principal } from '@microseg/contracts';

export function serveJobs(
  nc: NatsConnection,
  deps: { db: Kysely<TrainingDatabase>; jobs: JobRepository; submission: JobSubmission; benchmarks: Benchmarks; logger: Logger; principals: PrincipalTokens },
): RequestServer[] {
  const { jobs } = deps;
  const options = { logger: deps.logger, verifier: deps.principals };
  /** Jobs are their group's: another group's job does not exist for the caller. */
  const ownJob = async (principal: Principal, id: string) => {
    const found = await jobs.findView(id);
    if (!found || found.row.group_id !== principal.groupId) throw notFound('training job', id);
    return found;
  };
  return [
    serveAuthenticated(nc, c.startTraining, (input, { principal }) => deps.submission.start(principal, input), options),
    serveAuthenticated(nc, c.getJob, async ({ id }, { principal }) => (await ownJob(principal, id)).job, options),
    serveAuthenticated(nc, c.listJobs, (page, { principal }) => jobs.list(principal.groupId, page), options),
    serveAuthenticated(nc, c.jobEpochs, async ({ id }, { principal }) => {
      await ownJob(principal, id);
      return { epochs: await jobs.epochs(id) };
    }, options),
    serveAuthenticated(nc, c.cancelJob, async ({ id }, { principal }) => {
      requireRole(principal, 'member');
      await ownJob(principal, id);
      await jobs.requestCancel(id);
      return (await ownJob(principal, id)).job;
    }, options),
    serveAuthenticated(nc, c.retryJob, async ({ id }, { principal }) => {
      requireRole(principal, 'member');
      const { row } = await ownJob(principal, id);
      const requeued = await deps.db.transaction().execute(async (trx) => {
        const updated = await jobs.requeue(trx, id);
        if (updated) await enqueueOutbox(trx, trainingJobs.run, { jobId: id });
        return updated;
      });
      if (!requeued) throw conflict(`job ${id} is ${row.state}: only failed or cancelled jobs can be retried`, { jobId: id, state: row.state });
      return (await ownJob(principal, id)).job;
    }, options),
    serveAuthenticated(nc, c.reproduceBenchmark, (input, { principal }) => deps.benchmarks.start(principal, input), options),
    serveAuthenticated(nc, c.getBenchmark, ({ id }, { principal }) => deps.benchmarks.get(principal, id), options),
  ];
}
