export { startDatasetService, type DatasetService } from './start-dataset-service.ts';
export { datasetConfigSchema, type DatasetConfig } from './config.ts';
// Repositories and use cases, for the medium tests that run them against a real PostgreSQL and S3.
export { DatasetAccess } from './dataset-access.ts';
export { DatasetCatalog } from './dataset-catalog.ts';
export type { DatasetDatabase } from './dataset.tables.ts';
export { DatasetRepository } from './dataset.repository.ts';
export { ExperimentRepository } from './experiment.repository.ts';
export { ImageIngest } from './image-ingest.ts';
export { ImageRepository } from './image.repository.ts';
export { MaskIngest } from './mask-ingest.ts';
export { datasetMigrations } from './migrations/index.ts';
export { MultipartUploads } from './multipart-uploads.ts';
export { UploadTickets } from './upload-tickets.ts';
export { UploadedBytes } from './uploaded-bytes.ts';
export { UploadRepository } from './upload.repository.ts';
export { VersionRepository } from './version.repository.ts';
