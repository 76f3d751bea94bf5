import { SpanKind, contextFromHeaders, inSpan, traceHeaders } from '@microseg/telemetry';
import type { JetStreamClient, PubAck } from 'nats';
import { encodeMessage } from './codec.ts';
import type { EventContract, JobContract, PayloadInput } from './contract.ts';
import { type Metadata, toHeaders } from './metadata.ts';
import { mapNatsError } from './nats-errors.ts';

export interface PublishOptions {
  /**
   * Nats-Msg-Id: a publish repeated with the same id inside the stream's duplicate window is
   * stored once. Derive it from what makes the message unique (a row id, an upload id).
   */
  msgId?: string;
  headers?: Metadata;
  /** How long to wait for the stream's acknowledgement (default 5 s). */
  timeoutMs?: number;
}

export interface Published {
  stream: string;
  seq: number;
  /** True when the stream had already stored a message with this msgId. */
  duplicate: boolean;
}

async function publish(
  js: JetStreamClient,
  subject: string,
  data: Uint8Array,
  options: PublishOptions,
  expectedStream?: string,
): Promise<Published> {
  // An outbox row carries the trace context of the transaction that wrote it: the relay publishes
  // inside that trace, not a trace of its own polling loop.
  const parent = options.headers?.['traceparent'] ? contextFromHeaders(options.headers) : undefined;
  return inSpan(`publish ${subject}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.destination.name': subject }, ...(parent ? { parent } : {}) }, async () => {
    const headers = toHeaders(options.headers, traceHeaders());
    let ack: PubAck;
    try {
      ack = await js.publish(subject, data, {
        timeout: options.timeoutMs ?? 5_000,
        ...(options.msgId ? { msgID: options.msgId } : {}),
        ...(headers ? { headers } : {}),
        ...(expectedStream ? { expect: { streamName: expectedStream } } : {}),
      });
    } catch (error) {
      throw mapNatsError(error, subject);
    }
    return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
  });
}

/** Publishes a validated event to whichever stream captures its subject. */
export function publishEvent<C extends EventContract>(
  js: JetStreamClient,
  contract: C,
  payload: PayloadInput<C>,
  options: PublishOptions = {},
): Promise<Published> {
  return publish(
    js,
    contract.subject,
    encodeMessage(contract.schema, payload, contract.subject),
    options,
  );
}

/** Publishes a validated job; the server refuses it unless the contract's stream stores it. */
export function publishJob<C extends JobContract>(
  js: JetStreamClient,
  contract: C,
  payload: PayloadInput<C>,
  options: PublishOptions = {},
): Promise<Published> {
  return publish(
    js,
    contract.subject,
    encodeMessage(contract.schema, payload, contract.subject),
    options,
    contract.stream,
  );
}

/** For the outbox relay: the payload was validated when the row was written. */
export function publishRaw(
  js: JetStreamClient,
  subject: string,
  data: Uint8Array,
  options: PublishOptions,
  expectedStream?: string,
): Promise<Published> {
  return publish(js, subject, data, options, expectedStream);
}
