/**
 * What a client may read of an error: NATS subjects (`microseg.dataset.v1.images.list`, reply
 * inboxes) name the platform's internals, so they leave the API as the service they belong to.
 * Logs keep the originals.
 */
const SERVICE_SUBJECT = /\bmicroseg\.([a-z]+)\.v\d+(?:\.[\w*>-]+)*/gi;
const EVENT_SUBJECT = /\bmicroseg\.events(?:\.[\w*>-]+)*/gi;
const INBOX = /\b_INBOX(?:\.[\w*>-]+)*/g;

export function redactInternals(text: string): string {
  return text.replace(SERVICE_SUBJECT, 'the $1 service').replace(EVENT_SUBJECT, 'a platform event').replace(INBOX, 'a reply');
}

/** Error details with every string redacted and the `subject` facts the messaging layer adds dropped. */
export function redactDetails(value: unknown): unknown {
  if (typeof value === 'string') return redactInternals(value);
  if (Array.isArray(value)) return value.map(redactDetails);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'subject').map(([key, inner]) => [key, redactDetails(inner)]));
  }
  return value;
}
