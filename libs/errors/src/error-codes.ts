/** The stable error codes of MicroSeg: GraphQL `extensions.code`, NATS service errors, CLI exit messages. */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  /** Too many requests from one key, group or address: retry after `details.retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Whether a caller may retry the same request unchanged and expect a different outcome. */
export const RETRYABLE_BY_DEFAULT: Readonly<Record<ErrorCode, boolean>> = {
  INVALID_INPUT: false,
  NOT_FOUND: false,
  UNAUTHENTICATED: false,
  FORBIDDEN: false,
  CONFLICT: false,
  UNAVAILABLE: true,
  TIMEOUT: true,
  RATE_LIMITED: true,
  INTERNAL: false,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ErrorCode;
}
