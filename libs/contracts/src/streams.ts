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
