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
