import { loadConfigOrExit } from '@microseg/config';
import { metrologyConfigSchema } from './config.ts';
import { startMetrologyService } from './start-metrology-service.ts';

await startMetrologyService(loadConfigOrExit(metrologyConfigSchema));
