import { loadConfigOrExit } from '@microseg/config';
import { inferenceConfigSchema } from './config.ts';
import { startInferenceService } from './start-inference-service.ts';

await startInferenceService(loadConfigOrExit(inferenceConfigSchema));
