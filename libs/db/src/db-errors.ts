import { MicroSegError, isMicroSegError } from '@microseg/errors';

// SQLSTATE classes and node socket errors that mean "the database is not reachable right now":
// the same request is expected to succeed once it is back.
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
]);

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  detail?: unknown;
  message?: unknown;
}

function isConnectionFailure(error: PgLikeError, code: string): boolean {
  if (code.startsWith('08') || CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code))
    return true;
  const message = typeof error.message === 'string' ? error.message : '';
  // node-postgres reports a dropped socket with these messages and no code.
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    message,
  );
}

function constraintDetails(error: PgLikeError): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of ['constraint', 'table', 'column', 'detail'] as const) {
    if (typeof error[key] === 'string') details[key] = error[key];
  }
  return details;
}

/**
 * Maps a node-postgres (or socket) error onto MicroSeg's error codes, once, at the repository
 * boundary: unique/foreign-key violations become CONFLICT, malformed values INVALID_INPUT,
 * serialization failures and deadlocks a retryable CONFLICT, a lost or refused connection a
 * retryable UNAVAILABLE, a statement timeout TIMEOUT; anything else INTERNAL with its cause.
 */
export function mapDbError(error: unknown): MicroSegError {
  if (isMicroSegError(error)) return error;
  const pg = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  const code = typeof pg.code === 'string' ? pg.code : '';
  const options = { cause: error, details: constraintDetails(pg) };
  switch (code) {
    case '23505':
      return new MicroSegError(
        'CONFLICT',
        'a record with the same unique key already exists',
        options,
      );
    case '23503':
      return new MicroSegError(
        'CONFLICT',
        'the record references, or is referenced by, another record',
        options,
      );
    case '23502':
    case '23514':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return new MicroSegError('INVALID_INPUT', 'the value does not fit the stored field', options);
    case '40001':
    case '40P01':
      return new MicroSegError('CONFLICT', 'concurrent update, try again', {
        ...options,
        retryable: true,
      });
    case '57014':
      return new MicroSegError('TIMEOUT', 'the database statement timed out', options);
  }
  if (isConnectionFailure(pg, code)) {
    return new MicroSegError('UNAVAILABLE', 'the database is unreachable', options);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MicroSegError('INTERNAL', `database error: ${message}`, options);
}

/** True for a unique-key violation, for code that turns "already exists" into an idempotent success. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as PgLikeError).code === '23505';
}
