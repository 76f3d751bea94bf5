// A minimal MicroSeg GraphQL client for LIMS integrations: Node.js 20+, no dependencies.
// Configuration: MICROSEG_URL (the gateway's /graphql URL) and MICROSEG_API_KEY.
import { randomUUID } from 'node:crypto';

export const url = process.env.MICROSEG_URL ?? 'http://127.0.0.1:4000/graphql';
const apiKey = process.env.MICROSEG_API_KEY;
if (!apiKey) throw new Error('set MICROSEG_API_KEY (create one with `microseg keys create`)');

/** A GraphQL error with MicroSeg's stable code (INVALID_INPUT, NOT_FOUND, CONFLICT, RATE_LIMITED...). */
export class MicroSegError extends Error {
  constructor(error) {
    super(error.message);
    this.code = error.extensions?.code ?? 'INTERNAL';
    this.retryable = error.extensions?.retryable === true;
    this.details = error.extensions?.details ?? {};
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one operation. Retryable failures (UNAVAILABLE, TIMEOUT, RATE_LIMITED, a lost connection)
 * are retried with exponential backoff, honouring Retry-After. A mutation is sent with one
 * Idempotency-Key for all its attempts, so a retry after a lost answer is applied once.
 */
export async function graphql(query, variables = {}, { attempts = 6, idempotencyKey } = {}) {
  const key = idempotencyKey ?? (/^\s*mutation\b/.test(query) ? randomUUID() : undefined);
  for (let attempt = 1; ; attempt++) {
    let retryAfterMs = Math.min(30_000, 250 * 2 ** attempt);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${apiKey}`,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (!body.errors?.length) return body.data;
      const error = new MicroSegError(body.errors[0]);
      if (!error.retryable || attempt >= attempts) throw error;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (retryAfter > 0) retryAfterMs = retryAfter * 1000;
    } catch (error) {
      if (error instanceof MicroSegError || attempt >= attempts) throw error;
      // A network failure: the gateway restarted or a proxy dropped us; the same key makes a retry safe.
    }
    await sleep(retryAfterMs);
  }
}
