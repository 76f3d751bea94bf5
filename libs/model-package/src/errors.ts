/** `details.reason` of the INVALID_INPUT errors a bioimage.io package import can end in. */
export const PackageErrorReason = {
  NOT_A_ZIP: 'not-a-zip',
  RDF_INVALID: 'rdf-invalid',
  FILE_MISSING: 'file-missing',
  CHECKSUM_MISMATCH: 'checksum-mismatch',
  /** Axes, data types or processing steps MicroSeg cannot run as the package describes them. */
  UNSUPPORTED: 'unsupported',
  TEST_OUTPUT_MISMATCH: 'test-output-mismatch',
} as const;

export type PackageErrorReason = (typeof PackageErrorReason)[keyof typeof PackageErrorReason];
