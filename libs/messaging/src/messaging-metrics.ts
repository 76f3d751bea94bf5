import type { JetStreamManager, MsgRequest } from 'nats';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The job metrics of this process: every worker records here, and the service runtime serves it
 * on /metrics beside its own registry. Process-wide on purpose: a worker is started in many places,
 * and threading a registry through each would only add noise.
 */
export const messagingMetrics = new Registry();

export type JobOutcome = 'succeeded' | 'retried' | 'dead_lettered' | 'handed_back';

const jobs = new Counter({
  name: 'microseg_jobs_total',
  help: 'Jobs handled, by consumer, subject and outcome (succeeded, retried, dead_lettered, handed_back)',
  labelNames: ['consumer', 'subject', 'outcome'] as const,
  registers: [messagingMetrics],
});

const jobSeconds = new Histogram({
  name: 'microseg_job_duration_seconds',
  help: 'Time a job took in its handler, by consumer, subject and outcome',
  labelNames: ['consumer', 'subject', 'outcome'] as const,
  buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
  registers: [messagingMetrics],
});

const redeliveries = new Counter({
  name: 'microseg_job_redeliveries_total',
  help: 'Deliveries of a job after its first (a crash, a timeout or a retry), by consumer',
  labelNames: ['consumer'] as const,
  registers: [messagingMetrics],
});

export function recordJob(consumer: string, subject: string, outcome: JobOutcome, seconds: number, deliveryCount: number): void {
  jobs.inc({ consumer, subject, outcome });
  jobSeconds.observe({ consumer, subject, outcome }, seconds);
  if (deliveryCount > 1) redeliveries.inc({ consumer });
}

interface WatchedConsumer {
  jsm: JetStreamManager;
  stream: string;
  consumer: string;
  filterSubject: string;
}

const watched = new Map<string, WatchedConsumer>();

/** Queue depth and age are read from the server at scrape time, for the consumers this process pulls from. */
export function watchConsumerQueue(target: WatchedConsumer): () => void {
  const key = `${target.stream}/${target.consumer}`;
  watched.set(key, target);
  return () => watched.delete(key);
}

const queueLabels = ['stream', 'consumer'] as const;
const pending = new Gauge({ name: 'microseg_queue_pending_messages', help: 'Messages not yet delivered to the consumer', labelNames: queueLabels, registers: [messagingMetrics] });
const unacknowledged = new Gauge({ name: 'microseg_queue_unacknowledged_messages', help: 'Messages delivered and not yet acknowledged (in work)', labelNames: queueLabels, registers: [messagingMetrics] });
const redelivered = new Gauge({ name: 'microseg_queue_redelivered_messages', help: 'Unacknowledged messages delivered more than once', labelNames: queueLabels, registers: [messagingMetrics] });
new Gauge({
  name: 'microseg_queue_oldest_age_seconds',
  help: 'Age of the oldest message the consumer has not acknowledged (0 when none): how far behind the queue is',
  labelNames: queueLabels,
  registers: [messagingMetrics],
  async collect() {
    this.reset();
    pending.reset();
    unacknowledged.reset();
    redelivered.reset();
    await Promise.all(
      [...watched.values()].map(async ({ jsm, stream, consumer, filterSubject }) => {
        const labels = { stream, consumer };
        try {
          const info = await jsm.consumers.info(stream, consumer);
          pending.set(labels, info.num_pending);
          unacknowledged.set(labels, info.num_ack_pending);
          redelivered.set(labels, info.num_redelivered);
          if (info.num_pending + info.num_ack_pending === 0) return this.set(labels, 0);
          // The first message on this consumer's subject after its acknowledged floor is the oldest
          // still owed. The server's message get takes `next_by_subj` (since 2.9); nats.js types only
          // the direct get's request with it, so the request is widened here.
          const request = { seq: info.ack_floor.stream_seq + 1, next_by_subj: filterSubject } as unknown as MsgRequest;
          const oldest = await jsm.streams.getMessage(stream, request);
          this.set(labels, Math.max(0, (Date.now() - oldest.time.getTime()) / 1000));
        } catch {
          // A scrape during a NATS outage shows no queue rather than failing the whole endpoint.
        }
      }),
    );
  },
});
