export { startTrainingService, type TrainingService } from './start-training-service.ts';
export { startTrainingWorker } from './start-training-worker.ts';
export { trainingConfigSchema, workerConfigSchema, type TrainingConfig, type WorkerConfig } from './config.ts';
