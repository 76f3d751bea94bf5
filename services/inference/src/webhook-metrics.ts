import { Counter, Histogram, type Registry } from 'prom-client';

export type AttemptOutcome = 'delivered' | 'failed' | 'dead' | 'refused';

/** Webhook delivery outcomes per attempt, for operators watching LIMS receivers. */
export class WebhookMetrics {
  private readonly attempts: Counter<'event' | 'outcome'>;
  private readonly seconds: Histogram<'event' | 'outcome'>;

  constructor(registry: Registry) {
    this.attempts = new Counter({
      name: 'microseg_webhook_attempts_total',
      help: 'Webhook delivery attempts by event and outcome (delivered; failed, to be retried; dead, the last attempt failed; refused, a target outside the allowed networks)',
      labelNames: ['event', 'outcome'] as const,
      registers: [registry],
    });
    this.seconds = new Histogram({
      name: 'microseg_webhook_attempt_seconds',
      help: 'Time of one delivery attempt, from resolving the target to its answer',
      labelNames: ['event', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  record(event: string, outcome: AttemptOutcome, seconds: number): void {
    this.attempts.inc({ event, outcome });
    this.seconds.observe({ event, outcome }, seconds);
  }
}
