import { DEAD_LETTER_STREAM, deadLetterSubject } from '@microseg/messaging';
import { INFERENCE_JOBS_STREAM, WEBHOOK_JOBS_STREAM } from './inference.ts';
import { METROLOGY_JOBS_STREAM } from './metrology.ts';
import { TRAINING_JOBS_STREAM } from './training.ts';

/**
 * The JetStream streams of the platform. Events are kept for replay and audit; the duplicate
 * window drops re-published messages with the same `Nats-Msg-Id` (outbox relays retry).
 */
export const EVENTS_STREAM = {
  name: 'MICROSEG_EVENTS',
  subjects: ['microseg.events.>'],
  maxAgeSeconds: 7 * 24 * 3600,
  duplicateWindowSeconds: 15 * 60,
} as const;

/**
 * The audit trail on its way from the gateway to the identity service's append-only table: a
 * stream of its own so that only the gateway publishes there and only identity reads it. Kept a
 * month so that an identity outage, however long, loses no record.
 */
export const AUDIT_STREAM = {
  name: 'MICROSEG_AUDIT',
  subjects: ['microseg.audit.>'],
  maxAgeSeconds: 30 * 24 * 3600,
  duplicateWindowSeconds: 15 * 60,
} as const;

/** One JetStream stream as the platform wants it; the replicas come from NATS_STREAM_REPLICAS. */
export interface StreamDeclaration {
  name: string;
  subjects: readonly string[];
  /** `workqueue` for jobs (gone once acknowledged), `limits` for events (kept for maxAge). */
  retention: 'limits' | 'workqueue';
  /** Absent: kept until acknowledged (work queues) or forever. */
  maxAgeSeconds?: number;
  /** Absent: the server default (2 minutes). */
  duplicateWindowSeconds?: number;
}

const jobStream = (stream: { name: string; subjects: readonly string[]; duplicateWindowSeconds?: number }): StreamDeclaration => ({
  name: stream.name,
  subjects: stream.subjects,
  retention: 'workqueue',
  ...(stream.duplicateWindowSeconds === undefined ? {} : { duplicateWindowSeconds: stream.duplicateWindowSeconds }),
});

/**
 * Every stream of the platform, declared once: each service ensures all of them at start with the
 * same replicas, so the order in which services start never changes a stream's settings.
 */
export const PLATFORM_STREAMS: readonly StreamDeclaration[] = [
  { ...EVENTS_STREAM, retention: 'limits' },
  { ...AUDIT_STREAM, retention: 'limits' },
  jobStream(TRAINING_JOBS_STREAM),
  jobStream(INFERENCE_JOBS_STREAM),
  jobStream(WEBHOOK_JOBS_STREAM),
  jobStream(METROLOGY_JOBS_STREAM),
  // Dead letters of every work stream, kept two weeks for inspection and replay.
  { name: DEAD_LETTER_STREAM, subjects: [deadLetterSubject('>')], retention: 'limits', maxAgeSeconds: 14 * 24 * 3600 },
];
