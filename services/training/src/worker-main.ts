import { loadConfigOrExit } from '@microseg/config';
import { workerConfigSchema } from './config.ts';
import { startTrainingWorker } from './start-training-worker.ts';

await startTrainingWorker(loadConfigOrExit(workerConfigSchema));
