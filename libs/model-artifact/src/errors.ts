/** `details.reason` of the INVALID_INPUT errors an artifact load can end in, for callers that branch on them. */
export const ArtifactErrorReason = {
  MANIFEST_INVALID: 'manifest-invalid',
  CHECKSUM_MISMATCH: 'checksum-mismatch',
  FILE_NOT_LISTED: 'file-not-listed',
  MODEL_INVALID: 'model-invalid',
  TEST_OUTPUT_MISMATCH: 'test-output-mismatch',
  /** The artifact has no model.onnx (saved before ONNX export): it runs on tfjs only. */
  ONNX_MISSING: 'onnx-missing',
  /** The artifact holds an ONNX model only (imported from a bioimage.io package): it runs on ONNX Runtime only. */
  TFJS_MISSING: 'tfjs-missing',
  /** Exporting an artifact's network to ONNX on load was refused (a layer with no ONNX form): it runs on tfjs only. */
  ONNX_EXPORT_REFUSED: 'onnx-export-refused',
} as const;

export type ArtifactErrorReason = (typeof ArtifactErrorReason)[keyof typeof ArtifactErrorReason];
