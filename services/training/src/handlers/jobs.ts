import { requirePrincipal, trainingContracts as c } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import { conflict, notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type RequestServer, enqueueOutbox, serveRequests } from '@microseg/messaging';
import { trainingJobs } from '@microseg/contracts';
import type { NatsConnection } from 'nats';
import type { Benchmarks } from '../benchmarks.ts';
import type { JobSubmission } from '../job-submission.ts';
import type { JobRepository } from '../job.repository.ts';
import type { TrainingDatabase } from '../training.tables.ts';
import { requireRole, type Principal } from '@microseg/contracts';

export function serveJobs(
  nc: NatsConnection,
  deps: { db: Kysely<TrainingDatabase>; jobs: JobRepository; submission: JobSubmission; benchmarks: Benchmarks; logger: Logger },
): RequestServer[] {
  const { jobs } = deps;
  const options = { logger: deps.logger };
  /** Jobs are their group's: another group's job does not exist for the caller. */
  const ownJob = async (principal: Principal, id: string) => {
    const found = await jobs.findView(id);
    if (!found || found.row.group_id !== principal.groupId) throw notFound('training job', id);
    return found;
  };
  return [
    serveRequests(nc, c.startTraining, (input, { headers }) => deps.submission.start(requirePrincipal(headers), input), options),
    serveRequests(nc, c.getJob, async ({ id }, { headers }) => (await ownJob(requirePrincipal(headers), id)).job, options),
    serveRequests(nc, c.listJobs, (page, { headers }) => jobs.list(requirePrincipal(headers).groupId, page), options),
    serveRequests(nc, c.jobEpochs, async ({ id }, { headers }) => {
      await ownJob(requirePrincipal(headers), id);
      return { epochs: await jobs.epochs(id) };
    }, options),
    serveRequests(nc, c.cancelJob, async ({ id }, { headers }) => {
      const principal = requirePrincipal(headers);
      requireRole(principal, 'member');
      await ownJob(principal, id);
      await jobs.requestCancel(id);
      return (await ownJob(principal, id)).job;
    }, options),
    serveRequests(nc, c.retryJob, async ({ id }, { headers }) => {
      const principal = requirePrincipal(headers);
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
    serveRequests(nc, c.reproduceBenchmark, (input, { headers }) => deps.benchmarks.start(requirePrincipal(headers), input), options),
    serveRequests(nc, c.getBenchmark, ({ id }, { headers }) => deps.benchmarks.get(requirePrincipal(headers), id), options),
  ];
}
