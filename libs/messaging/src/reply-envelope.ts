import {
  MicroSegError,
  type SerializedError,
  deserializeError,
  serializeError,
} from '@microseg/errors';

/** Every reply is an envelope, so an error travels as data and comes back as the same MicroSegError. */
export type ReplyEnvelope<T> = { ok: true; data: T } | { ok: false; error: SerializedError };

export const okReply = <T>(data: T): ReplyEnvelope<T> => ({ ok: true, data });
export const errorReply = (error: unknown): ReplyEnvelope<never> => ({
  ok: false,
  error: serializeError(error),
});

/** Returns the data of a successful reply, throws the carried MicroSegError of a failed one. */
export function openReply(envelope: unknown, subject: string): unknown {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    const candidate = envelope as { ok: unknown; data?: unknown; error?: unknown };
    if (candidate.ok === true) return candidate.data;
    if (candidate.ok === false) throw deserializeError(candidate.error);
  }
  throw new MicroSegError('INTERNAL', `malformed reply on ${subject}`, { details: { subject } });
}
