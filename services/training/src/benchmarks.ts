import { type Benchmark, type Principal, type TrainingJobState, requireRole } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import { notFound } from '@microseg/errors';
import { assembleBenchmarkTable } from '@microseg/training-recipe';
import type { JobSubmission } from './job-submission.ts';
import type { JobRepository, JobRow } from './job.repository.ts';
import type { RegistryRepository } from './registry.repository.ts';
import type { TrainingDatabase } from './training.tables.ts';
import type { ClassRuleValue, RecipeOverridesInput, SixteenBitInputValue } from '@microseg/contracts';

export interface BenchmarkRequest {
  datasetId: string;
  experiments: string[];
  architectures: string[];
  encoders: string[];
  initWeights: string[];
  recipe: RecipeOverridesInput;
  classRule: ClassRuleValue;
  sixteenBitInput: SixteenBitInputValue;
}

function overallState(jobs: JobRow[]): TrainingJobState {
  const states = new Set(jobs.map((j) => j.state));
  if (states.has('running')) return 'running';
  if (states.has('queued')) return 'queued';
  if (states.has('failed')) return 'failed';
  if (states.has('cancelled')) return 'cancelled';
  return 'succeeded';
}

/**
 * The paper's benchmark as jobs: one training job per experiment x architecture x encoder x
 * initial weights (train split, best epoch on val), and the test IoUs as the paper's table.
 */
export class Benchmarks {
  constructor(private readonly deps: { db: Kysely<TrainingDatabase>; jobs: JobRepository; registry: RegistryRepository; submission: JobSubmission }) {}

  async start(principal: Principal, request: BenchmarkRequest): Promise<Benchmark> {
    requireRole(principal, 'member');
    const row = await this.deps.db
      .insertInto('benchmarks')
      .values({ group_id: principal.groupId, dataset_id: request.datasetId, request: JSON.stringify(request) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const short = row.id.slice(0, 8);
    for (const experiment of request.experiments) {
      for (const architecture of request.architectures) {
        for (const encoder of request.encoders) {
          for (const init of request.initWeights) {
            await this.deps.submission.start(
              principal,
              {
                datasetId: request.datasetId,
                experiment,
                architecture,
                encoder,
                init,
                binary: false,
                recipe: request.recipe,
                classRule: request.classRule,
                sixteenBitInput: request.sixteenBitInput,
                modelName: `benchmark-${short}-${architecture}-${encoder}-${experiment}`,
              },
              row.id,
            );
          }
        }
      }
    }
    return this.get(principal, row.id);
  }

  async get(principal: Principal, id: string): Promise<Benchmark> {
    const row = await this.deps.db.selectFrom('benchmarks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.group_id !== principal.groupId) throw notFound('benchmark', id);
    const jobs = await this.deps.jobs.listByBenchmark(id);
    const cells = await Promise.all(
      jobs.map(async (job) => {
        const version = job.model_version_id ? await this.deps.registry.findVersionRow(job.model_version_id) : undefined;
        return {
          experiment: job.experiment,
          architecture: job.architecture,
          encoder: job.encoder,
          init: job.init.name,
          // Only the paper's IoU goes in the paper's table: a version registered before it holds the mean per class.
          testIou: version?.iou_definition === 'paper' ? (version.test_iou ?? null) : null,
          state: job.state,
        };
      }),
    );
    return {
      id: row.id,
      groupId: row.group_id,
      datasetId: row.dataset_id,
      state: overallState(jobs),
      jobIds: jobs.map((j) => j.id),
      table: assembleBenchmarkTable(cells),
      createdAt: row.created_at.toISOString(),
    };
  }
}
