import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers a LIMS verifies: `t=<unix seconds>,v1=<hex hmac>` over `<t>.<body>` (Stripe's scheme: body and time bound together). */
export const SIGNATURE_HEADER = 'microseg-signature';
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'malformed' | 'mismatch' | 'expired' };

/** What a receiver runs: the signature must match and the timestamp lie within the replay window. */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  windowSeconds = DEFAULT_REPLAY_WINDOW_SECONDS,
): SignatureCheck {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  const given = parts.v1;
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return { valid: false, reason: 'malformed' };
  const expected = signWebhook(secret, body, timestamp).split('v1=')[1]!;
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'))) return { valid: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - timestamp) > windowSeconds) return { valid: false, reason: 'expired' };
  return { valid: true };
}
