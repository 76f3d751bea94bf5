import { loadConfigOrExit } from '@microseg/config';
import { datasetConfigSchema } from './config.ts';
import { startDatasetService } from './start-dataset-service.ts';

await startDatasetService(loadConfigOrExit(datasetConfigSchema));
