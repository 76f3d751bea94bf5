export { startDatasetService, type DatasetService } from './start-dataset-service.ts';
export { datasetConfigSchema, type DatasetConfig } from './config.ts';
