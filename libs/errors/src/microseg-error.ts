import { type ErrorCode, RETRYABLE_BY_DEFAULT, isErrorCode } from './error-codes.ts';

export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface MicroSegErrorOptions {
  details?: ErrorDetails;
  retryable?: boolean;
  cause?: unknown;
}

/**
 * The one error type that crosses MicroSeg's boundaries. `code` is stable and machine-readable,
 * `message` is for people, `details` carries structured facts (offending field, missing keys...).
 */
export class MicroSegError extends Error {
  override readonly name = 'MicroSegError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: MicroSegErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT[code];
    this.details = options.details ?? {};
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

/** The wire form of an error, as carried in NATS replies and job results. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details: ErrorDetails;
}

export function isMicroSegError(value: unknown): value is MicroSegError {
  return value instanceof MicroSegError;
}

export const invalidInput = (message: string, details?: ErrorDetails, cause?: unknown) =>
  new MicroSegError('INVALID_INPUT', message, { details, cause });
export const notFound = (what: string, id: string) =>
  new MicroSegError('NOT_FOUND', `${what} ${id} not found`, { details: { what, id } });
export const conflict = (message: string, details?: ErrorDetails) =>
  new MicroSegError('CONFLICT', message, { details });
export const unavailable = (message: string, cause?: unknown) =>
  new MicroSegError('UNAVAILABLE', message, { cause });
export const unauthenticated = (message = 'a valid API key is required') =>
  new MicroSegError('UNAUTHENTICATED', message);
export const forbidden = (message: string, details?: ErrorDetails) =>
  new MicroSegError('FORBIDDEN', message, { details });

/** Wraps anything thrown into a MicroSegError; unknown failures become INTERNAL and keep their cause. */
export function toMicroSegError(error: unknown): MicroSegError {
  if (error instanceof MicroSegError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MicroSegError('INTERNAL', message, { cause: error });
}

export function serializeError(error: unknown): SerializedError {
  return toMicroSegError(error).toJSON();
}

export function deserializeError(wire: unknown): MicroSegError {
  const candidate = wire as Partial<SerializedError> | null;
  if (candidate && isErrorCode(candidate.code) && typeof candidate.message === 'string') {
    return new MicroSegError(candidate.code, candidate.message, {
      retryable: typeof candidate.retryable === 'boolean' ? candidate.retryable : undefined,
      details: candidate.details ?? {},
    });
  }
  return new MicroSegError('INTERNAL', 'malformed error payload', { details: { payload: wire } });
}
