import { SpanKind, inSpan, traceHeaders } from '@microseg/telemetry';
import type { NatsConnection } from 'nats';
import { decodeJson, encodeMessage, validate } from './codec.ts';
import type { RequestContract, RequestInput, ResponseOf } from './contract.ts';
import { type Metadata, toHeaders } from './metadata.ts';
import { mapNatsError } from './nats-errors.ts';
import { openReply } from './reply-envelope.ts';

export interface RequestOptions {
  /** Default 5 s. */
  timeoutMs?: number;
  /** Metadata for the handler (principal, request id...), sent as headers. */
  headers?: Metadata;
}

/**
 * Sends a validated request and returns the validated response. Failures arrive as the
 * MicroSegError the service threw; no responders is UNAVAILABLE and no reply in time TIMEOUT,
 * both retryable. A response that breaks the contract is the service's bug: INTERNAL.
 */
export async function request<C extends RequestContract>(
  nc: NatsConnection,
  contract: C,
  payload: RequestInput<C>,
  options: RequestOptions = {},
): Promise<ResponseOf<C>> {
  const data = encodeMessage(contract.request, payload, contract.subject);
  return inSpan(`request ${contract.subject}`, { kind: SpanKind.CLIENT, attributes: { 'messaging.destination.name': contract.subject } }, async () => {
    const headers = toHeaders(options.headers, traceHeaders());
    let reply;
    try {
      reply = await nc.request(contract.subject, data, {
        timeout: options.timeoutMs ?? 5_000,
        ...(headers ? { headers } : {}),
      });
    } catch (error) {
      throw mapNatsError(error, contract.subject);
    }
    const body = openReply(decodeJson(reply.data, contract.subject), contract.subject);
    return validate<C['response']>(contract.response, body, contract.subject, 'INTERNAL');
  });
}
