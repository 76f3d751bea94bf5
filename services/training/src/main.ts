import { loadConfigOrExit } from '@microseg/config';
import { trainingConfigSchema } from './config.ts';
import { startTrainingService } from './start-training-service.ts';

await startTrainingService(loadConfigOrExit(trainingConfigSchema));
