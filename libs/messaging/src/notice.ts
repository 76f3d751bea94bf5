import type { NatsConnection, Subscription } from 'nats';
import type { z } from 'zod';
import { decodeMessage, encodeMessage } from './codec.ts';
import { assertSubject } from './subject.ts';

/**
 * A notice: a core NATS message that no stream keeps, for state where only the latest counts
 * (a service's health). A lost notice is replaced by the next one, so none is acknowledged or
 * stored; like every contract, notices are validated on send and on receive.
 */
export interface NoticeContract<S extends z.ZodType = z.ZodType> {
  readonly kind: 'notice';
  readonly subject: string;
  readonly schema: S;
}

export function defineNotice<S extends z.ZodType>(definition: { subject: string; schema: S }): NoticeContract<S> {
  return Object.freeze({ kind: 'notice', ...definition, subject: assertSubject(definition.subject) });
}

/** Publishes a validated notice (fire and forget: the connection buffers it while reconnecting). */
export function publishNotice<C extends NoticeContract>(nc: NatsConnection, contract: C, payload: z.input<C['schema']>): void {
  nc.publish(contract.subject, encodeMessage(contract.schema, payload, contract.subject));
}

/**
 * Receives the notices of a contract; one that breaks the contract goes to `onInvalid` and never
 * reaches `onNotice`.
 */
export function subscribeNotices<C extends NoticeContract>(
  nc: NatsConnection,
  contract: C,
  onNotice: (payload: z.output<C['schema']>) => void,
  onInvalid: (error: unknown) => void,
): Subscription {
  return nc.subscribe(contract.subject, {
    callback: (error, msg) => {
      if (error) return onInvalid(error);
      let payload: z.output<C['schema']>;
      try {
        payload = decodeMessage<C['schema']>(contract.schema, msg.data, contract.subject);
      } catch (invalid) {
        return onInvalid(invalid);
      }
      onNotice(payload);
    },
  });
}
