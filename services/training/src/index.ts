export { startTrainingService, type TrainingService } from './start-training-service.ts';
export { startTrainingWorker } from './start-training-worker.ts';
export { trainingConfigSchema, workerConfigSchema, type TrainingConfig, type WorkerConfig } from './config.ts';
/** The worker's model building and scoring, for benchmarks that run the recipe outside the platform. */
export { buildSeededModel } from './worker/seeded-model.ts';
export { evaluateSplit, type SplitScores } from './worker/evaluation.ts';
export { assignWeights, namedWeights } from './worker/named-weights.ts';
/** The registry's and jobs' repositories and schema, for medium tests against PostgreSQL. */
export { RegistryRepository } from './registry.repository.ts';
export { AliasGateRepository } from './alias-gates.repository.ts';
export { trainingMigrations } from './migrations/index.ts';
export type { TrainingDatabase } from './training.tables.ts';
export { type CalibrationItem, type OodCalibrationOutcome, calibrateOutOfDistribution, storeOodCalibration } from './worker/ood-calibration.ts';
export { JobRepository } from './job.repository.ts';
export { JobSubmission } from './job-submission.ts';
export { Registry } from './registry.ts';
export { WeightsRepository } from './weights.repository.ts';
