import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { MicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type OutboundPolicy, type Resolver, type VettedTarget, pinnedLookup, systemResolver } from '@microseg/network-policy';
import { SIGNATURE_HEADER, signWebhook } from '@microseg/pipeline';
import { SpanKind, inSpan, traceHeaders } from '@microseg/telemetry';
import type { WebhookMetrics } from './webhook-metrics.ts';
import type { WebhookRepository } from './webhook.repository.ts';

export interface SenderSettings {
  timeoutMs: number;
  /** Attempts in all; the last failed one dead-letters the delivery. */
  maxAttempts: number;
  /** Which addresses a hook may reach (public ones and the networks the operator allowed). */
  policy: OutboundPolicy;
  /** How host names are resolved; tests play DNS answers through it. */
  resolver?: Resolver;
  metrics?: WebhookMetrics;
}

type Outcome = { statusCode: number | null; error: string | null } | Extract<VettedTarget, { allowed: false }>;

/**
 * One attempt of one delivery: resolve the hook's host, refuse it when any address is not one a
 * webhook may reach, else POST the stored body, signed now (the timestamp is part of the
 * signature, so a retry carries a fresh one inside the receiver's replay window), to the vetted
 * address only. Any 2xx delivers; redirects are not followed (a 3xx fails the attempt); anything
 * else is logged and thrown for a retry, except on the last attempt, where the delivery is
 * marked dead and the job ends. A refused target ends the delivery at once as `refused`: no
 * request goes out, so its log holds a rule, never a status a scan could read.
 */
export class WebhookSender {
  private readonly resolver: Resolver;

  constructor(
    private readonly deliveries: Pick<WebhookRepository, 'target' | 'recordAttempt'>,
    private readonly settings: SenderSettings,
    private readonly logger: Logger,
  ) {
    this.resolver = settings.resolver ?? systemResolver;
  }

  async send(deliveryId: string, attempt: number): Promise<void> {
    const target = await this.deliveries.target(deliveryId);
    // Deleted hook, or an earlier delivery of this job already finished it.
    if (!target || target.state !== 'pending') return;
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.settings.timeoutMs);
    let outcome: Outcome;
    try {
      const vetted = await abortable(this.settings.policy.vet(target.url, this.resolver), deadline);
      if (!vetted.allowed) {
        outcome = vetted;
      } else {
        const timestamp = Math.floor(Date.now() / 1000);
        const attributes = { 'microseg.webhook.event': target.event, 'microseg.webhook.delivery_id': target.deliveryId, 'microseg.webhook.attempt': attempt };
        // The receiver gets the trace context too, so a LIMS that traces can join the upload's trace.
        const statusCode = await inSpan(`webhook ${target.event}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
          const answered = await post(vetted, {
            'content-type': 'application/json',
            'user-agent': 'MicroSeg-Webhooks/1',
            [SIGNATURE_HEADER]: signWebhook(target.secret, target.body, timestamp),
            'microseg-event': target.event,
            'microseg-delivery': target.deliveryId,
            ...traceHeaders(),
          }, target.body, deadline);
          span.setAttribute('http.response.status_code', answered);
          return answered;
        });
        outcome = { statusCode, error: statusCode >= 200 && statusCode < 300 ? null : `answered ${statusCode}` };
      }
    } catch (cause) {
      outcome = { statusCode: null, error: deadline.aborted ? `no answer within ${this.settings.timeoutMs} ms` : `unreachable: ${(cause as Error).message}` };
    }
    if ('refusal' in outcome) {
      const { rule, reason } = outcome.refusal;
      await this.deliveries.recordAttempt(deliveryId, { attempt, statusCode: null, error: `refused: ${reason}`, refusedRule: rule, durationMs: performance.now() - started }, 'refused');
      this.settings.metrics?.record(target.event, 'refused', (performance.now() - started) / 1000);
      this.logger.warn({ deliveryId, rule, reason }, 'webhook delivery refused: its target is outside the networks webhooks may reach');
      return;
    }
    const { statusCode, error } = outcome;
    const last = attempt >= this.settings.maxAttempts;
    const state = error === null ? 'delivered' : last ? 'dead' : 'pending';
    await this.deliveries.recordAttempt(deliveryId, { attempt, statusCode, error, refusedRule: null, durationMs: performance.now() - started }, state);
    this.settings.metrics?.record(target.event, state === 'pending' ? 'failed' : state, (performance.now() - started) / 1000);
    if (state === 'dead') this.logger.warn({ deliveryId, attempts: attempt, error }, 'webhook delivery dead-lettered');
    if (state === 'pending') {
      throw new MicroSegError('UNAVAILABLE', `webhook delivery failed: ${error}`, { retryable: true, details: { deliveryId, attempt, statusCode } });
    }
  }
}

/** A resolution that hangs is ended by the attempt's deadline like a receiver that hangs. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * POSTs through node:http(s) with the socket pinned to the vetted address; the Host header and
 * the TLS server name stay the hook's host. A connection of its own per attempt (`agent: false`):
 * a pooled socket would be one vetted for an earlier attempt. Answers the status once the
 * response starts; its body is the receiver's business and is drained.
 */
function post(target: Extract<VettedTarget, { allowed: true }>, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target.url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(target.address, target.family),
      agent: false,
      signal,
    }, (response) => {
      response.on('error', () => undefined);
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });
}
