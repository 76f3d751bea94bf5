export { startTrainingService, type TrainingService } from './start-training-service.ts';
export { startTrainingWorker } from './start-training-worker.ts';
export { trainingConfigSchema, workerConfigSchema, type TrainingConfig, type WorkerConfig } from './config.ts';
/** The worker's model building and scoring, for benchmarks that run the recipe outside the platform. */
export { buildSeededModel } from './worker/seeded-model.ts';
export { evaluateSplit, type SplitScores } from './worker/evaluation.ts';
export { assignWeights, namedWeights } from './worker/named-weights.ts';
export { type CalibrationItem, type OodCalibrationOutcome, calibrateOutOfDistribution, storeOodCalibration } from './worker/ood-calibration.ts';
