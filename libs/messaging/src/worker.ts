import { MicroSegError, serializeError } from '@microseg/errors';
import type {
  Consumer,
  ConsumerMessages,
  JetStreamClient,
  JsMsg,
  NatsConnection,
  Subscription,
} from 'nats';
import { RetentionPolicy } from 'nats';
import { type Backoff, backoffDelay, defaultBackoff } from './backoff.ts';
import { decodeMessage } from './codec.ts';
import type { JobContract, PayloadOf } from './contract.ts';
import { ensureDeadLetterStream, publishDeadLetter } from './dead-letter.ts';
import { ensureConsumer } from './jetstream-setup.ts';
import { decideFailure } from './job-outcome.ts';
import { watchMaxDeliveries } from './max-deliveries-watcher.ts';
import { type Logger, silentLogger } from './logger.ts';
import { type Metadata, fromHeaders } from './metadata.ts';
import { type JobOutcome, recordJob, watchConsumerQueue } from './messaging-metrics.ts';
import { sleep } from '@microseg/db';
import { SpanKind, contextFromHeaders, inSpan } from '@microseg/telemetry';

export interface JobContext {
  subject: string;
  headers: Metadata;
  /** The publisher's Nats-Msg-Id, when it set one. */
  msgId: string | undefined;
  /** 1 on the first delivery. */
  deliveryCount: number;
  streamSeq: number;
  /** Aborted when a stopping worker gives up waiting for this job and hands it back. */
  signal: AbortSignal;
  /** Extends the ack deadline now; the worker already does so every ackWait/3 while the handler runs. */
  working(): void;
}

export type JobHandler<C extends JobContract> = (
  payload: PayloadOf<C>,
  context: JobContext,
) => Promise<void>;

export interface RunWorkerOptions<C extends JobContract> {
  js: JetStreamClient;
  /**
   * Listens for the server's max-deliveries advisories (jobs whose deliveries all timed out);
   * default: the connection `js` was made from.
   */
  nc?: NatsConnection;
  contract: C;
  handler: JobHandler<C>;
  /** Durable consumer name shared by the replicas of this worker. */
  consumer: string;
  /** Default: the contract's stream. */
  stream?: string;
  /** Deliveries before a job is dead-lettered (default 5). */
  maxDeliver?: number;
  backoff?: Backoff;
  /** Redelivery deadline of an unacknowledged job (default 30 s); heartbeats keep long jobs alive. */
  ackWaitMs?: number;
  /** Jobs handled at once by this process (default 1). */
  concurrency?: number;
  logger?: Logger;
  /** Longest single pull from the server (default 5 s, at least 1 s): bounds how long stop() waits for the fetch. */
  fetchExpiresMs?: number;
}

export interface Worker {
  /** Jobs being handled now. */
  readonly inFlight: number;
  /**
   * Stops pulling, waits up to `timeoutMs` (default 30 s) for the jobs in hand, then hands the
   * rest back (nak) so another replica takes them at once. Nothing acknowledged is lost and
   * nothing unacknowledged is dropped.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

interface ActiveJob {
  msg: JsMsg;
  controller: AbortController;
  abandoned: boolean;
  done?: Promise<void>;
}

class PullWorker<C extends JobContract> implements Worker {
  private readonly active = new Set<ActiveJob>();
  private readonly stopController = new AbortController();
  private fetching: ConsumerMessages | undefined;
  private slotFreed: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();
  private advisories: Subscription | undefined;
  private unwatchQueue: (() => void) | undefined;
  private readonly stream: string;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly concurrency: number;
  private readonly backoff: Backoff;
  private readonly logger: Logger;

  constructor(private readonly options: RunWorkerOptions<C>) {
    this.stream = options.stream ?? options.contract.stream;
    this.maxDeliver = options.maxDeliver ?? 5;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.backoff = options.backoff ?? defaultBackoff;
    this.logger = options.logger ?? silentLogger;
  }

  get inFlight(): number {
    return this.active.size;
  }

  async start(): Promise<void> {
    const jsm = await this.options.js.jetstreamManager();
    await ensureDeadLetterStream(jsm);
    const streamInfo = await jsm.streams.info(this.stream);
    await ensureConsumer(jsm, {
      stream: this.stream,
      name: this.options.consumer,
      filterSubject: this.options.contract.subject,
      ackWaitMs: this.ackWaitMs,
      maxDeliver: this.maxDeliver,
    });
    this.advisories = watchMaxDeliveries({
      nc: this.options.nc ?? connectionOf(this.options.js),
      js: this.options.js,
      jsm,
      stream: this.stream,
      consumer: this.options.consumer,
      removeFromStream: streamInfo.config.retention === RetentionPolicy.Workqueue,
      logger: this.logger,
    });
    this.unwatchQueue = watchConsumerQueue({ jsm, stream: this.stream, consumer: this.options.consumer, filterSubject: this.options.contract.subject });
    const consumer = await this.options.js.consumers.get(this.stream, this.options.consumer);
    this.loop = this.pull(consumer);
  }

  private async pull(consumer: Consumer): Promise<void> {
    const expires = Math.max(1_000, this.options.fetchExpiresMs ?? 5_000);
    let failures = 0;
    while (!this.stopController.signal.aborted) {
      const free = this.concurrency - this.active.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        continue;
      }
      try {
        this.fetching = await consumer.fetch({ max_messages: free, expires });
        // stop() may have run while the pull request was being set up.
        if (this.stopController.signal.aborted) this.fetching.stop();
        for await (const msg of this.fetching) {
          if (this.stopController.signal.aborted) this.tell(msg, (m) => m.nak());
          else this.dispatch(msg);
        }
        failures = 0;
      } catch (error) {
        if (this.stopController.signal.aborted) break;
        failures++;
        const retryInMs = Math.min(10_000, 250 * 2 ** failures);
        this.logger.warn(
          { err: error, stream: this.stream, consumer: this.options.consumer, retryInMs },
          'job fetch failed',
        );
        await sleep(retryInMs, this.stopController.signal);
      } finally {
        this.fetching = undefined;
      }
    }
  }

  private dispatch(msg: JsMsg): void {
    const job: ActiveJob = { msg, controller: new AbortController(), abandoned: false };
    this.active.add(job);
    const heartbeat = setInterval(
      () => this.tell(msg, (m) => m.working()),
      Math.max(100, Math.floor(this.ackWaitMs / 3)),
    );
    job.done = this.handle(job)
      .catch((error: unknown) =>
        this.logger.error({ err: error, stream: this.stream, seq: msg.seq }, 'job handling failed'),
      )
      .finally(() => {
        clearInterval(heartbeat);
        this.active.delete(job);
        this.slotFreed?.();
        this.slotFreed = undefined;
      });
  }

  /** Acks travel on the connection: a closed one throws, and the server redelivers after ackWait anyway. */
  private tell(msg: JsMsg, send: (msg: JsMsg) => void): void {
    try {
      send(msg);
    } catch (error) {
      this.logger.warn(
        { err: error, stream: this.stream, seq: msg.seq },
        'could not reach the server about a job',
      );
    }
  }

  private async handle(job: ActiveJob): Promise<void> {
    const { msg } = job;
    const { contract } = this.options;
    const deliveryCount = msg.info.deliveryCount;
    const context: JobContext = {
      subject: msg.subject,
      headers: fromHeaders(msg.headers),
      msgId: msg.headers?.get('Nats-Msg-Id') || undefined,
      deliveryCount,
      streamSeq: msg.seq,
      signal: job.controller.signal,
      working: () => this.tell(msg, (m) => m.working()),
    };
    const where = {
      stream: this.stream,
      consumer: this.options.consumer,
      seq: msg.seq,
      deliveryCount,
      msgId: context.msgId,
    };
    const started = performance.now();
    const record = (outcome: JobOutcome) => recordJob(this.options.consumer, msg.subject, outcome, (performance.now() - started) / 1000, deliveryCount);
    try {
      const payload = decodeMessage<C['schema']>(contract.schema, msg.data, contract.subject);
      const attributes = { 'messaging.destination.name': msg.subject, 'messaging.consumer.group.name': this.options.consumer, 'messaging.delivery.count': deliveryCount };
      await inSpan(`job ${msg.subject}`, { kind: SpanKind.CONSUMER, parent: contextFromHeaders(context.headers), attributes }, () =>
        this.options.handler(payload, context),
      );
      if (job.abandoned) return record('handed_back');
      record('succeeded');
      const confirmed = await msg.ackAck({ timeout: 5_000 }).catch(() => false);
      if (!confirmed) this.logger.warn(where, 'job ack not confirmed; it may be redelivered');
    } catch (error) {
      if (job.abandoned) return record('handed_back');
      const outcome = decideFailure(error, deliveryCount, this.maxDeliver, this.backoff);
      record(outcome.action === 'retry' ? 'retried' : 'dead_lettered');
      if (outcome.action === 'retry') {
        this.logger.warn(
          { ...where, err: error, retryInMs: outcome.delayMs },
          'job failed, will retry',
        );
        this.tell(msg, (m) => m.nak(outcome.delayMs));
        return;
      }
      await this.deadLetter(job, error, outcome.reason, where);
    }
  }

  private async deadLetter(
    job: ActiveJob,
    error: unknown,
    reason: 'not-retryable' | 'max-deliver',
    where: Record<string, unknown>,
  ): Promise<void> {
    const { msg } = job;
    try {
      await publishDeadLetter(this.options.js, {
        stream: this.stream,
        consumer: this.options.consumer,
        subject: msg.subject,
        streamSeq: msg.seq,
        deliveryCount: msg.info.deliveryCount,
        reason,
        error: serializeError(error),
        data: msg.data,
        headers: fromHeaders(msg.headers),
      });
      // No reason argument: servers before 2.11 ignore a "+TERM <reason>" ack altogether.
      this.tell(msg, (m) => m.term());
      this.logger.error({ ...where, err: error, reason }, 'job dead-lettered');
    } catch (failure) {
      // Without a stored dead letter the job must stay in its stream: hand it back instead of dropping it.
      const retryInMs = backoffDelay(this.backoff, msg.info.deliveryCount);
      this.logger.error(
        { ...where, err: failure, jobError: error, retryInMs },
        'dead letter not stored, job handed back',
      );
      this.tell(msg, (m) => m.nak(retryInMs));
    }
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopController.abort();
    this.advisories?.unsubscribe();
    this.unwatchQueue?.();
    this.fetching?.stop();
    this.slotFreed?.();
    await this.loop;
    const pending = [...this.active].map((job) => job.done ?? Promise.resolve());
    await Promise.race([Promise.allSettled(pending), sleep(options.timeoutMs ?? 30_000)]);
    for (const job of this.active) {
      job.abandoned = true;
      job.controller.abort();
      this.tell(job.msg, (m) => m.nak());
      this.logger.warn({ stream: this.stream, seq: job.msg.seq }, 'job handed back at shutdown');
    }
  }
}

// nats.js 2.x keeps the connection on its JetStream client without typing it; reading it spares
// every caller from passing the same connection twice.
function connectionOf(js: JetStreamClient): NatsConnection {
  const nc = (js as { nc?: NatsConnection }).nc;
  if (!nc)
    throw new MicroSegError(
      'INTERNAL',
      'runWorker needs `nc`: this JetStream client does not expose its connection',
    );
  return nc;
}

/**
 * Runs a work-queue consumer for one job contract: ensures its durable pull consumer (and the
 * dead-letter stream), then pulls at most `concurrency` jobs at a time. Success acks; a retryable
 * failure naks with backoff; a non-retryable one, or the last allowed delivery, is stored as a
 * dead letter on `microseg.deadletter.<stream>` and terminated; so is a job whose deliveries all
 * timed out (crashed workers), from the server's advisory. Handlers must be idempotent:
 * delivery is at least once.
 */
export async function runWorker<C extends JobContract>(
  options: RunWorkerOptions<C>,
): Promise<Worker> {
  const worker = new PullWorker(options);
  await worker.start();
  return worker;
}
