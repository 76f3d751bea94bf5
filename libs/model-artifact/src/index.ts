export type { ArtifactFiles } from './artifact-files.ts';
export { ArtifactErrorReason } from './errors.ts';
export { artifactIOHandler, directoryIOHandler, s3IOHandler } from './io-handler.ts';
export { copyArtifact } from './copy-artifact.ts';
export { type VerifiedArtifact, hasTfjsNetwork, openArtifact, readManifest } from './artifact-reading.ts';
export { type LoadedArtifact, loadArtifact } from './load-artifact.ts';
export { type LoadOnnxOptions, type LoadedOnnxArtifact, loadOnnxArtifact } from './load-onnx-artifact.ts';
export {
  type OnnxDevice,
  type OnnxRunner,
  type OnnxRunnerOptions,
  ONNX_DEVICES,
  ONNX_INPUT,
  ONNX_OUTPUT,
  createOnnxRunner,
  cudaProviderLibrary,
  defaultThreads,
} from './onnx-runner.ts';
export { startOnnxThread } from './onnx-thread.ts';
export { startLayersOnnxRunner } from './layers-onnx-runner.ts';
export type { ArtifactLocation } from './locations.ts';
export {
  type ArtifactManifest,
  ArtifactManifestSchema,
  MANIFEST_FILE,
  type ModelClass,
  type ModelDescription,
  ModelDescriptionSchema,
} from './manifest.ts';
export type { S3Location } from './s3-files.ts';
export { type SaveArtifactOptions, saveArtifact } from './save-artifact.ts';
export { type SaveOnnxArtifactOptions, saveOnnxArtifact } from './save-onnx-artifact.ts';
export { type TensorData, maxAbsDiff } from './test-vector.ts';
