import { MicroSegError, serializeError } from '@microseg/errors';
import type { JetStreamClient, JetStreamManager, NatsConnection, Subscription } from 'nats';
import { publishDeadLetter } from './dead-letter.ts';
import { type Logger } from './logger.ts';
import { fromHeaders } from './metadata.ts';
import { isJetStreamNotFound } from './nats-errors.ts';

interface MaxDeliveriesAdvisory {
  stream_seq?: number;
  deliveries?: number;
}

export interface MaxDeliveriesWatcherOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  consumer: string;
  /** Only work-queue streams drop the message after filing it; other streams keep it for their other consumers. */
  removeFromStream: boolean;
  logger: Logger;
}

/**
 * Dead-letters jobs whose every delivery timed out (workers killed or hung without heartbeats):
 * the server stops redelivering those silently and only says so in a MAX_DELIVERIES advisory.
 * Replicas share a queue group, and the dead letter's msg id makes a repeat harmless.
 */
export function watchMaxDeliveries(options: MaxDeliveriesWatcherOptions): Subscription {
  const { nc, jsm, stream, consumer, logger } = options;
  const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${consumer}`;

  const fileDeadLetter = async (advisory: MaxDeliveriesAdvisory): Promise<void> => {
    const seq = advisory.stream_seq;
    if (seq === undefined) return;
    let stored;
    try {
      stored = await jsm.streams.getMessage(stream, { seq });
    } catch (error) {
      if (isJetStreamNotFound(error)) return;
      throw error;
    }
    const deliveries = advisory.deliveries ?? 0;
    const timedOut = new MicroSegError(
      'TIMEOUT',
      `job not acknowledged within ackWait on any of ${deliveries} deliveries`,
    );
    await publishDeadLetter(options.js, {
      stream,
      consumer,
      subject: stored.subject,
      streamSeq: seq,
      deliveryCount: deliveries,
      reason: 'max-deliver',
      error: serializeError(timedOut),
      data: stored.data,
      headers: fromHeaders(stored.header),
    });
    if (options.removeFromStream) await jsm.streams.deleteMessage(stream, seq, false);
    logger.error(
      { stream, consumer, seq, deliveries },
      'job exhausted its deliveries without an ack, dead-lettered',
    );
  };

  return nc.subscribe(subject, {
    queue: `deadletter-${stream}-${consumer}`,
    callback: (error, msg) => {
      if (error) return;
      fileDeadLetter(msg.json<MaxDeliveriesAdvisory>()).catch((failure: unknown) =>
        logger.error(
          { err: failure, stream, consumer },
          'could not dead-letter a job past its max deliveries',
        ),
      );
    },
  });
}
