import { type SerializedError } from '@microseg/errors';
import type { JetStreamClient, JetStreamManager, StreamInfo } from 'nats';
import { z } from 'zod';
import { decodeJson, encodeJson } from './codec.ts';
import { type EventContract, defineEvent } from './contract.ts';
import { ensureStream } from './jetstream-setup.ts';
import type { DeadLetterReason } from './job-outcome.ts';
import type { Metadata } from './metadata.ts';
import { isJetStreamNotFound } from './nats-errors.ts';
import { publishRaw } from './publish.ts';

export const DEAD_LETTER_STREAM = 'DEADLETTER';
const DEAD_LETTER_ROOT = 'microseg.deadletter';

export const deadLetterSubject = (stream: string): string => `${DEAD_LETTER_ROOT}.${stream}`;

export const DeadLetterSchema = z.object({
  stream: z.string(),
  consumer: z.string(),
  subject: z.string(),
  streamSeq: z.number().int(),
  deliveryCount: z.number().int(),
  reason: z.enum(['not-retryable', 'max-deliver']),
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    details: z.record(z.string(), z.unknown()),
  }),
  /** The job as it was published: parsed JSON, or the raw text when it was not JSON. */
  payload: z.unknown(),
  headers: z.record(z.string(), z.string()),
  failedAt: z.string(),
});

export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** The event contract of one work stream's dead letters, to inspect or replay them. */
export function deadLetterEvent(stream: string): EventContract<typeof DeadLetterSchema> {
  return defineEvent({ subject: deadLetterSubject(stream), schema: DeadLetterSchema });
}

/**
 * The stream that keeps dead letters of every work stream (default 14 days), created when a
 * worker starts before any service did. An existing stream is left as it is: its settings (the
 * replicas above all) are the platform's declaration, which the services ensure.
 */
export async function ensureDeadLetterStream(
  jsm: JetStreamManager,
  options: { maxAgeMs?: number } = {},
): Promise<StreamInfo> {
  try {
    return await jsm.streams.info(DEAD_LETTER_STREAM);
  } catch (error) {
    if (!isJetStreamNotFound(error)) throw error;
  }
  return ensureStream(jsm, {
    name: DEAD_LETTER_STREAM,
    subjects: [`${DEAD_LETTER_ROOT}.>`],
    retention: 'limits',
    maxAgeMs: options.maxAgeMs ?? 14 * 24 * 3_600_000,
  });
}

export interface DeadLetterInput {
  stream: string;
  consumer: string;
  subject: string;
  streamSeq: number;
  deliveryCount: number;
  reason: DeadLetterReason;
  error: SerializedError;
  data: Uint8Array;
  headers: Metadata;
}

function payloadOf(data: Uint8Array, subject: string): unknown {
  try {
    return decodeJson(data, subject);
  } catch {
    return new TextDecoder().decode(data);
  }
}

/**
 * Stores a dead letter durably before the original is terminated. The msg id is the original's
 * stream position, so a worker that crashes between the two steps does not file it twice.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  input: DeadLetterInput,
): Promise<void> {
  const letter: DeadLetter = {
    stream: input.stream,
    consumer: input.consumer,
    subject: input.subject,
    streamSeq: input.streamSeq,
    deliveryCount: input.deliveryCount,
    reason: input.reason,
    error: input.error,
    payload: payloadOf(input.data, input.subject),
    headers: input.headers,
    failedAt: new Date().toISOString(),
  };
  await publishRaw(
    js,
    deadLetterSubject(input.stream),
    encodeJson(letter),
    { msgId: `deadletter:${input.stream}:${input.streamSeq}` },
    DEAD_LETTER_STREAM,
  );
}
