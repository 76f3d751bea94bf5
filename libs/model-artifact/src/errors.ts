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
} as const;

export type ArtifactErrorReason = (typeof ArtifactErrorReason)[keyof typeof ArtifactErrorReason];
