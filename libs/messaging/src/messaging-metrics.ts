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

interface QueueReading {
  labels: { stream: string; consumer: string };
  pending: number;
  unacknowledged: number;
  redelivered: number;
  oldestAgeSeconds: number;
}

/** One server read per scrape, shared by the four queue gauges (a registry collects them all at once). */
let reading: { at: number; queues: Promise<QueueReading[]> } | undefined;
function readQueues(): Promise<QueueReading[]> {
  if (!reading || Date.now() - reading.at > 1_000) reading = { at: Date.now(), queues: readFromServer() };
  return reading.queues;
}

async function readFromServer(): Promise<QueueReading[]> {
  const readings = await Promise.all(
    [...watched.values()].map(async ({ jsm, stream, consumer, filterSubject }): Promise<QueueReading | undefined> => {
      try {
        const info = await jsm.consumers.info(stream, consumer);
        const base = { labels: { stream, consumer }, pending: info.num_pending, unacknowledged: info.num_ack_pending, redelivered: info.num_redelivered };
        if (info.num_pending + info.num_ack_pending === 0) return { ...base, oldestAgeSeconds: 0 };
        // The first message on this consumer's subject after its acknowledged floor is the oldest
        // still owed. The server's message get takes `next_by_subj` (since 2.9); nats.js types only
        // the direct get's request with it, so the request is widened here.
        const request = { seq: info.ack_floor.stream_seq + 1, next_by_subj: filterSubject } as unknown as MsgRequest;
        const oldest = await jsm.streams.getMessage(stream, request);
        return { ...base, oldestAgeSeconds: Math.max(0, (Date.now() - oldest.time.getTime()) / 1000) };
      } catch {
        // A scrape during a NATS outage shows no queue rather than failing the whole endpoint.
        return undefined;
      }
    }),
  );
  return readings.filter((r): r is QueueReading => r !== undefined);
}

function queueGauge(name: string, help: string, value: (reading: QueueReading) => number): void {
  new Gauge({
    name,
    help,
    labelNames: queueLabels,
    registers: [messagingMetrics],
    async collect() {
      const queues = await readQueues();
      this.reset();
      for (const queue of queues) this.set(queue.labels, value(queue));
    },
  });
}

queueGauge('microseg_queue_pending_messages', 'Messages not yet delivered to the consumer', (q) => q.pending);
queueGauge('microseg_queue_unacknowledged_messages', 'Messages delivered and not yet acknowledged (in work)', (q) => q.unacknowledged);
queueGauge('microseg_queue_redelivered_messages', 'Unacknowledged messages delivered more than once', (q) => q.redelivered);
queueGauge(
  'microseg_queue_oldest_age_seconds',
  'Age of the oldest message the consumer has not acknowledged (0 when none): how far behind the queue is',
  (q) => q.oldestAgeSeconds,
);
