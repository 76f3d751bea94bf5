import { MicroSegError, isMicroSegError } from '@microseg/errors';
import { ErrorCode as NatsCode, NatsError } from 'nats';

type Mapped = {
  code: 'UNAVAILABLE' | 'TIMEOUT' | 'FORBIDDEN';
  message: (subject: string, natsCode: string) => string;
};

const noConnection: Mapped = {
  code: 'UNAVAILABLE',
  message: (_subject, natsCode) => `NATS connection unavailable (${natsCode})`,
};

const BY_NATS_CODE = new Map<string, Mapped>([
  [
    NatsCode.NoResponders,
    { code: 'UNAVAILABLE', message: (subject) => `no responders on ${subject}` },
  ],
  [NatsCode.Timeout, { code: 'TIMEOUT', message: (subject) => `no reply on ${subject} in time` }],
  // This process's NATS user may not send there: a deployment's permissions and code disagree.
  [NatsCode.PermissionsViolation, { code: 'FORBIDDEN', message: (subject) => `this NATS user may not publish to ${subject}` }],
  [NatsCode.ConnectionClosed, noConnection],
  [NatsCode.ConnectionDraining, noConnection],
  [NatsCode.ConnectionRefused, noConnection],
  [NatsCode.ConnectionTimeout, noConnection],
  [NatsCode.Disconnect, noConnection],
]);

/**
 * Maps a nats.js error onto MicroSeg's codes: nobody listening or a lost connection is a
 * retryable UNAVAILABLE, an unanswered request a retryable TIMEOUT, a subject outside the
 * user's permissions FORBIDDEN.
 */
export function mapNatsError(error: unknown, subject: string): MicroSegError {
  if (isMicroSegError(error)) return error;
  const mapped = error instanceof NatsError ? BY_NATS_CODE.get(error.code) : undefined;
  if (mapped && error instanceof NatsError) {
    return new MicroSegError(mapped.code, mapped.message(subject, error.code), {
      cause: error,
      details: { subject },
    });
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
