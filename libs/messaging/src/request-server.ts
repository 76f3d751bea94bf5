import { SpanKind, contextFromHeaders, inSpan } from '@microseg/telemetry';
import { MicroSegError, isMicroSegError } from '@microseg/errors';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { decodeMessage, encodeJson, validate } from './codec.ts';
import type { RequestContract, RequestOf, ResponseInput } from './contract.ts';
import { type Logger, silentLogger } from './logger.ts';
import { type Metadata, fromHeaders } from './metadata.ts';
import { errorReply, okReply } from './reply-envelope.ts';

export interface RequestContext {
  subject: string;
  /** Request metadata (request id, idempotency key...) from the request headers. */
  headers: Metadata;
}

export type RequestHandler<C extends RequestContract> = (
  request: RequestOf<C>,
  context: RequestContext,
) => Promise<ResponseInput<C>> | ResponseInput<C>;

/**
 * Checks who a request comes from. Requests of a contract served with it are answered only for a
 * verified caller; the header carrying the credential is kept from the handler, so a handler
 * cannot read an unverified caller from it.
 */
export interface CallerVerifier<P> {
  readonly header: string;
  /** The verified caller, or a MicroSegError (UNAUTHENTICATED). */
  verify(headers: Readonly<Metadata>): P;
}

export interface AuthenticatedContext<P> extends RequestContext {
  principal: P;
}

export type AuthenticatedHandler<C extends RequestContract, P> = (
  request: RequestOf<C>,
  context: AuthenticatedContext<P>,
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
 * Answers requests of one contract for verified callers only: the verifier runs before the
 * request is decoded (an unverified caller learns nothing about the contract) and the handler
 * receives the verified principal. Every contract that acts for a caller is served so.
 */
export function serveAuthenticated<C extends RequestContract, P>(
  nc: NatsConnection,
  contract: C,
  handler: AuthenticatedHandler<C, P>,
  options: ServeRequestsOptions & { verifier: CallerVerifier<P> },
): RequestServer {
  const { verifier } = options;
  const logger = options.logger ?? silentLogger;
  return serve(nc, contract, options, (msg) => {
    const headers = fromHeaders(msg.headers);
    let principal: P;
    try {
      principal = verifier.verify(headers);
    } catch (error) {
      // Kept in our logs: a stream of these is a forger at work or a signing key out of step.
      logger.warn({ subject: contract.subject }, 'request without a valid principal refused');
      throw error;
    }
    delete headers[verifier.header];
    const request = decodeMessage<C['request']>(contract.request, msg.data, contract.subject);
    return handler(request, { subject: contract.subject, headers, principal });
  });
}

/**
 * Answers requests of one contract that act for nobody in particular (authenticating a key,
 * health): decodes and validates the request (INVALID_INPUT back to the caller), runs the handler, validates its response (a mismatch is our bug: INTERNAL) and replies
 * with an envelope carrying either the data or the serialized MicroSegError. Anything else a
 * handler throws is logged and answered as a bare INTERNAL.
 */
export function serveRequests<C extends RequestContract>(
  nc: NatsConnection,
  contract: C,
  handler: RequestHandler<C>,
  options: ServeRequestsOptions = {},
): RequestServer {
  return serve(nc, contract, options, (msg) => {
    const request = decodeMessage<C['request']>(contract.request, msg.data, contract.subject);
    return handler(request, { subject: contract.subject, headers: fromHeaders(msg.headers) });
  });
}

function serve<C extends RequestContract>(
  nc: NatsConnection,
  contract: C,
  options: ServeRequestsOptions,
  handle: (msg: Msg) => Promise<ResponseInput<C>> | ResponseInput<C>,
): RequestServer {
  const logger = options.logger ?? silentLogger;
  const inFlight = new Set<Promise<void>>();

  const answer = async (msg: Msg): Promise<void> => {
    let reply;
    try {
      // The caller's trace continues here: everything the handler requests or publishes joins it.
      const parent = contextFromHeaders(fromHeaders(msg.headers));
      const response = await inSpan(contract.subject, { kind: SpanKind.SERVER, parent }, async () => handle(msg));
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
