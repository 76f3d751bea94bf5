export { ErrorCode, RETRYABLE_BY_DEFAULT, isErrorCode } from './error-codes.ts';
export {
  MicroSegError,
  type ErrorDetails,
  type MicroSegErrorOptions,
  type SerializedError,
  conflict,
  deserializeError,
  forbidden,
  invalidInput,
  isMicroSegError,
  notFound,
  serializeError,
  toMicroSegError,
  unauthenticated,
  unavailable,
} from './microseg-error.ts';
