import { MicroSegError, isMicroSegError } from '@microseg/errors';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { decodeMessage, encodeJson, validate } from './codec.ts';
import type { RequestContract, RequestOf, ResponseInput } from './contract.ts';
import { type Logger, silentLogger } from './logger.ts';
import { type Metadata, fromHeaders } from './metadata.ts';
import { errorReply, okReply } from './reply-envelope.ts';

export interface RequestContext {
  subject: string;
  /** Caller metadata (principal, request id...) from the request headers. */
  headers: Metadata;
}

export type RequestHandler<C extends RequestContract> = (
  request: RequestOf<C>,
  context: RequestContext,
) => Promise<ResponseInput<C>> | ResponseInput<C>;

export interface ServeRequestsOptions {
  /** Queue group shared by the replicas of a service (default: the subject, so each request is answered once). */
  queue?: string;
  logger?: Logger;
}

export interface RequestServer {
  readonly subject: string;
  /** Stops taking requests and resolves once the ones already received are answered. */
  stop(): Promise<void>;
}

/**
 * Answers requests of one contract: decodes and validates the request (INVALID_INPUT back to the
 * caller), runs the handler, validates its response (a mismatch is our bug: INTERNAL) and replies
 * with an envelope carrying either the data or the serialized MicroSegError. Anything else a
 * handler throws is logged and answered as a bare INTERNAL.
 */
export function serveRequests<C extends RequestContract>(
  nc: NatsConnection,
  contract: C,
  handler: RequestHandler<C>,
  options: ServeRequestsOptions = {},
): RequestServer {
  const logger = options.logger ?? silentLogger;
  const inFlight = new Set<Promise<void>>();

  const answer = async (msg: Msg): Promise<void> => {
    let reply;
    try {
      const request = decodeMessage<C['request']>(contract.request, msg.data, contract.subject);
      const response = await handler(request, {
        subject: contract.subject,
        headers: fromHeaders(msg.headers),
      });
      reply = okReply(validate(contract.response, response, contract.subject, 'INTERNAL'));
    } catch (error) {
      if (!isMicroSegError(error) || error.code === 'INTERNAL') {
        logger.error({ err: error, subject: contract.subject }, 'request handler failed');
      }
      // A foreign exception's message is an implementation detail: it stays in our logs.
      reply = errorReply(
        isMicroSegError(error)
          ? error
          : new MicroSegError('INTERNAL', `internal error handling ${contract.subject}`),
      );
    }
    msg.respond(encodeJson(reply));
  };

  const subscription: Subscription = nc.subscribe(contract.subject, {
    queue: options.queue ?? contract.subject,
    callback: (error, msg) => {
      if (error) {
        logger.error({ err: error, subject: contract.subject }, 'request subscription failed');
        return;
      }
      if (!msg.reply) {
        logger.warn({ subject: contract.subject }, 'request without reply subject ignored');
        return;
      }
      const task = answer(msg).catch((failure: unknown) =>
        logger.error({ err: failure, subject: contract.subject }, 'could not send reply'),
      );
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    },
  });

  return {
    subject: contract.subject,
    async stop() {
      if (!subscription.isClosed()) await subscription.drain();
      await Promise.allSettled([...inFlight]);
    },
  };
}
