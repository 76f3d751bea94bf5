export { type InferenceConfig, inferenceConfigSchema } from './config.ts';
export { type InferenceService, startInferenceService } from './start-inference-service.ts';
