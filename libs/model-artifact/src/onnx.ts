// The ONNX Runtime side of artifacts, loading no TensorFlow.js: what `microseg predict` and the inference
// service import when they run ONNX (tfjs alone is ~70 MiB of resident memory). An artifact without
// model.onnx asked to export one (`exportMissing`) imports tfjs then, and only then.
export { ArtifactErrorReason } from './errors.ts';
export { type VerifiedArtifact, hasTfjsNetwork, openArtifact, readManifest } from './artifact-reading.ts';
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
export type { ArtifactLocation } from './locations.ts';
export { type ArtifactManifest, MANIFEST_FILE, type ModelClass } from './manifest.ts';
export type { S3Location } from './s3-files.ts';
export { type TensorData, maxAbsDiff } from './test-vector.ts';
