import { MicroSegError, isMicroSegError } from '@microseg/errors';
import { ErrorCode as NatsCode, NatsError } from 'nats';

const DISCONNECTED = new Set<string>([
  NatsCode.ConnectionClosed,
  NatsCode.ConnectionDraining,
  NatsCode.ConnectionRefused,
  NatsCode.ConnectionTimeout,
  NatsCode.Disconnect,
]);

/**
 * Maps a nats.js error onto MicroSeg's codes: nobody listening or a lost connection is a
 * retryable UNAVAILABLE, an unanswered request a retryable TIMEOUT.
 */
export function mapNatsError(error: unknown, subject: string): MicroSegError {
  if (isMicroSegError(error)) return error;
  if (error instanceof NatsError) {
    if (error.code === NatsCode.NoResponders) {
      return new MicroSegError('UNAVAILABLE', `no responders on ${subject}`, {
        cause: error,
        details: { subject },
      });
    }
    if (error.code === NatsCode.Timeout) {
      return new MicroSegError('TIMEOUT', `no reply on ${subject} in time`, {
        cause: error,
        details: { subject },
      });
    }
    if (DISCONNECTED.has(error.code)) {
      return new MicroSegError('UNAVAILABLE', `NATS connection unavailable (${error.code})`, {
        cause: error,
        details: { subject },
      });
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MicroSegError('INTERNAL', `NATS error on ${subject}: ${message}`, {
    cause: error,
    details: { subject },
  });
}

/** JetStream API "not found" (stream 10059, consumer 10014, message 10037). */
export function isJetStreamNotFound(error: unknown): boolean {
  if (!(error instanceof NatsError)) return false;
  const apiCode = error.api_error?.err_code;
  return (
    apiCode === 10059 || apiCode === 10014 || apiCode === 10037 || /not found/i.test(error.message)
  );
}
