import { MicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { SIGNATURE_HEADER, signWebhook } from '@microseg/pipeline';
import type { WebhookRepository } from './webhook.repository.ts';

export interface SenderSettings {
  timeoutMs: number;
  /** Attempts in all; the last failed one dead-letters the delivery. */
  maxAttempts: number;
}

/**
 * One attempt of one delivery: POST the stored body, signed now (the timestamp is part of the
 * signature, so a retry carries a fresh one inside the receiver's replay window). Any 2xx
 * delivers; anything else is logged and thrown for a retry, except on the last attempt, where
 * the delivery is marked dead and the job ends.
 */
export class WebhookSender {
  constructor(
    private readonly deliveries: WebhookRepository,
    private readonly settings: SenderSettings,
    private readonly logger: Logger,
  ) {}

  async send(deliveryId: string, attempt: number): Promise<void> {
    const target = await this.deliveries.target(deliveryId);
    // Deleted hook, or an earlier delivery of this job already finished it.
    if (!target || target.state !== 'pending') return;
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'MicroSeg-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(target.secret, target.body, timestamp),
          'microseg-event': target.event,
          'microseg-delivery': target.deliveryId,
        },
        body: target.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      statusCode = response.status;
      // Drain the body so the socket is freed; its content is the receiver's business.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) error = `answered ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error && cause.name === 'TimeoutError' ? `no answer within ${this.settings.timeoutMs} ms` : `unreachable: ${(cause as Error).message}`;
    }
    const durationMs = performance.now() - started;
    const last = attempt >= this.settings.maxAttempts;
    const state = error === null ? 'delivered' : last ? 'dead' : 'pending';
    await this.deliveries.recordAttempt(deliveryId, { attempt, statusCode, error, durationMs }, state);
    if (state === 'dead') this.logger.warn({ deliveryId, attempts: attempt, error }, 'webhook delivery dead-lettered');
    if (state === 'pending') {
      throw new MicroSegError('UNAVAILABLE', `webhook delivery failed: ${error}`, { retryable: true, details: { deliveryId, attempt, statusCode } });
    }
  }
}
