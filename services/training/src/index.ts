export { startTrainingService, type TrainingService } from './start-training-service.ts';
export { startTrainingWorker } from './start-training-worker.ts';
export { trainingConfigSchema, workerConfigSchema, type TrainingConfig, type WorkerConfig } from './config.ts';
/** The worker's model building and scoring, for benchmarks that run the recipe outside the platform. */
export { buildSeededModel } from './worker/seeded-model.ts';
export { evaluateSplit, type SplitScores } from './worker/evaluation.ts';
export { assignWeights, namedWeights } from './worker/named-weights.ts';
// The job repository and schema, for the medium tests that run them against a real PostgreSQL.
export { JobRepository } from './job.repository.ts';
export { trainingMigrations } from './migrations/index.ts';
export type { TrainingDatabase } from './training.tables.ts';
