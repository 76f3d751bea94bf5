import { MicroSegError, type ErrorDetails } from '@microseg/errors';

const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound', 'NoSuchUpload']);
const INVALID_INPUT_CODES = new Set([
  'InvalidBucketName',
  'InvalidObjectName',
  'InvalidArgument',
  'EntityTooLarge',
  'EntityTooSmall',
  'InvalidPart',
  'InvalidPartOrder',
  'KeyTooLongError',
]);
/** S3 answers that mean "try again later": throttling and server-side trouble. */
const RETRYABLE_S3_CODES = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
]);
/** Socket-level failures: the server is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);
/** minio-js names its argument-checking errors after the problem; they mean a bad bucket or key. */
const INVALID_INPUT_ERROR_NAMES = new Set([
  'InvalidBucketNameError',
  'InvalidObjectNameError',
  'InvalidArgumentError',
]);

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused dual-stack connect as an AggregateError whose members carry the code.
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) return inner.map(errorCodeOf).find((c) => c !== undefined);
  return undefined;
}

/** Turns whatever the minio client threw into a MicroSegError with a stable code. */
export function toStorageError(error: unknown, details: ErrorDetails): MicroSegError {
  if (error instanceof MicroSegError) return error;
  const code = errorCodeOf(error);
  const name = error instanceof Error ? error.name : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  const where = [details['bucket'], details['key']]
    .filter((part) => typeof part === 'string')
    .join('/');

  if (code !== undefined && NOT_FOUND_CODES.has(code)) {
    return new MicroSegError('NOT_FOUND', `object ${where} not found`, {
      details: { ...details, s3Code: code },
      cause: error,
    });
  }
  if (
    (code !== undefined && INVALID_INPUT_CODES.has(code)) ||
    (name !== undefined && INVALID_INPUT_ERROR_NAMES.has(name))
  ) {
    return new MicroSegError('INVALID_INPUT', `object store refused ${where}: ${reason}`, {
      details: { ...details, ...(code === undefined ? {} : { s3Code: code }) },
      cause: error,
    });
  }
  if (code !== undefined && (NETWORK_CODES.has(code) || RETRYABLE_S3_CODES.has(code))) {
    return new MicroSegError('UNAVAILABLE', `object store unavailable (${code}) for ${where}`, {
      details: { ...details, s3Code: code },
      cause: error,
    });
  }
  return new MicroSegError('INTERNAL', `object store failed for ${where}: ${reason}`, {
    details: { ...details, ...(code === undefined ? {} : { s3Code: code }) },
    cause: error,
  });
}
