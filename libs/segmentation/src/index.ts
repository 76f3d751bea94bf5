import './layers/adaptive-avg-pool.ts';
import './layers/group-norm.ts';
import './layers/grouped-conv2d.ts';
import './layers/resize.ts';

export { ARCHITECTURES, listArchitectures, normaliseArchitecture, type Architecture } from './architectures.ts';
export { encoderFeatureModel } from './encoder-model.ts';
export { buildModel, describeModel, encoderBuildOptions, resolveConfig, toLogitsModel, METADATA_KEY, type ResolvedConfig, type BuiltModelInfo } from './build-model.ts';
export { getEncoder, listEncoders, type EncoderInfo } from './encoders/registry.ts';
export type { EncoderSpec } from './encoders/encoder-spec.ts';
export type { ModelConfig } from './model-config.ts';
export { loadStateDict, type LoadReport, type LoadStateDictOptions, type ShapeMismatch } from './weights/load-state-dict.ts';
export {
  importCheckpoint, parseMicronetFileName, type ImportCheckpointOptions, type ImportedModel, type MicronetFile,
} from './weights/import-checkpoint.ts';
// Custom layers, for code that walks the networks' graphs (ONNX export and training graphs) and its tests.
export { AdaptiveAvgPool2D } from './layers/adaptive-avg-pool.ts';
export { TorchMaxPool2D } from './encoders/torch-max-pool.ts';
