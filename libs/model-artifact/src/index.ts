export type { ArtifactFiles } from './artifact-files.ts';
// Everything the ONNX-only entry point offers, and the TensorFlow.js side below.
export * from './onnx.ts';
export { artifactIOHandler, directoryIOHandler, s3IOHandler } from './io-handler.ts';
export { copyArtifact } from './copy-artifact.ts';
export { type LoadedArtifact, loadArtifact } from './load-artifact.ts';
export { startLayersOnnxRunner } from './layers-onnx-runner.ts';
export {
  type ArtifactManifest,
  ArtifactManifestSchema,
  MANIFEST_FILE,
  type ModelClass,
  type ModelDescription,
  ModelDescriptionSchema,
} from './manifest.ts';
export { type SaveArtifactOptions, saveArtifact } from './save-artifact.ts';
export { type SaveOnnxArtifactOptions, saveOnnxArtifact } from './save-onnx-artifact.ts';
