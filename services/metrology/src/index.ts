export { type MetrologyConfig, metrologyConfigSchema } from './config.ts';
export { type MetrologyService, startMetrologyService } from './start-metrology-service.ts';
