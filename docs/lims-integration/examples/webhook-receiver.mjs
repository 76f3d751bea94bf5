// A LIMS endpoint for MicroSeg webhooks: verifies each delivery's signature and answers 2xx fast.
// Usage: MICROSEG_WEBHOOK_SECRET=whsec_... node webhook-receiver.mjs PORT
// Prints one JSON line per verified event. Any non-2xx answer makes MicroSeg retry with backoff.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.MICROSEG_WEBHOOK_SECRET;
const port = Number(process.argv[2] ?? 8080);
if (!secret) throw new Error('set MICROSEG_WEBHOOK_SECRET to the secret createWebhook returned');
const REPLAY_WINDOW_SECONDS = 300;
const seen = new Set(); // delivery ids already handled: a retry of a delivered event is acknowledged, not re-applied

/** `microseg-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` */
function verify(body, header) {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((part) => part.split('=', 2)));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (!verify(body, req.headers['microseg-signature'])) return res.writeHead(401).end();
    const delivery = String(req.headers['microseg-delivery']);
    res.writeHead(204).end();
    if (seen.has(delivery)) return;
    seen.add(delivery);
    console.log(JSON.stringify({ delivery, event: req.headers['microseg-event'], ...JSON.parse(body) }));
  });
}).listen(port, () => console.error(`listening on ${port}`));
