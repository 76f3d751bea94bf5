import { type NatsConnection, type Subscription, createInbox } from 'nats';
import { z } from 'zod';
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

/** What a subscriber answers to a confirmed notice once it has acted on it. */
const confirmationSchema = z.object({ instance: z.string().min(1) });

/**
 * Receives the notices of a contract; one that breaks the contract goes to `onInvalid` and never
 * reaches `onNotice`. With `confirmAs`, a notice sent with publishConfirmedNotice is answered with
 * that instance name once `onNotice` has returned.
 */
export function subscribeNotices<C extends NoticeContract>(
  nc: NatsConnection,
  contract: C,
  onNotice: (payload: z.output<C['schema']>) => void,
  onInvalid: (error: unknown) => void,
  options: { confirmAs?: string } = {},
): Subscription {
  const confirmation = options.confirmAs ? encodeMessage(confirmationSchema, { instance: options.confirmAs }, contract.subject) : undefined;
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
      if (confirmation && msg.reply) msg.respond(confirmation);
    },
  });
}

/**
 * Publishes a notice and gathers the instances that confirm having acted on it (subscribers with
 * `confirmAs`). Resolves with them as soon as every instance in `expected` has confirmed, or when
 * `timeoutMs` has passed: what a missing confirmation means is the caller's to decide.
 */
export async function publishConfirmedNotice<C extends NoticeContract>(
  nc: NatsConnection,
  contract: C,
  payload: z.input<C['schema']>,
  options: { expected: ReadonlySet<string>; timeoutMs: number },
): Promise<Set<string>> {
  const confirmed = new Set<string>();
  const data = encodeMessage(contract.schema, payload, contract.subject);
  // Answers come back to this client's own inboxes (the only ones its NATS user may subscribe to).
  const inbox = createInbox((nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix);
  const missing = new Set(options.expected);
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const answers = nc.subscribe(inbox, {
    callback: (error, msg) => {
      if (error) return;
      let instance: string;
      try {
        ({ instance } = decodeMessage(confirmationSchema, msg.data, contract.subject));
      } catch {
        return; // not a confirmation: it counts for nobody
      }
      confirmed.add(instance);
      missing.delete(instance);
      if (missing.size === 0) finish();
    },
  });
  const timer = setTimeout(finish, options.timeoutMs);
  try {
    // The subscription goes to the server before the notice, on the same connection: no answer can come first.
    nc.publish(contract.subject, data, { reply: inbox });
    if (missing.size === 0) finish();
    await finished;
  } finally {
    clearTimeout(timer);
    answers.unsubscribe();
  }
  return confirmed;
}
