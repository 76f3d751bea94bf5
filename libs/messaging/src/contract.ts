import type { z } from 'zod';
import { assertStreamName, assertSubject } from './subject.ts';

/**
 * Contracts describe the JSON wire form of a message: schemas should not transform values
 * (a `Date` does not survive JSON), because payloads are validated again on receive.
 */
export interface RequestContract<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
> {
  readonly kind: 'request';
  readonly subject: string;
  readonly request: Req;
  readonly response: Res;
}

export interface EventContract<S extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly subject: string;
  readonly schema: S;
}

export interface JobContract<S extends z.ZodType = z.ZodType> {
  readonly kind: 'job';
  readonly subject: string;
  /** The JetStream stream (work queue) that stores these jobs. */
  readonly stream: string;
  readonly schema: S;
}

export type MessageContract = EventContract | JobContract;

/** What a caller passes (before defaults are applied). */
export type RequestInput<C extends RequestContract> = z.input<C['request']>;
/** What a handler receives. */
export type RequestOf<C extends RequestContract> = z.output<C['request']>;
/** What a handler returns. */
export type ResponseInput<C extends RequestContract> = z.input<C['response']>;
/** What a caller receives. */
export type ResponseOf<C extends RequestContract> = z.output<C['response']>;
export type PayloadInput<C extends MessageContract> = z.input<C['schema']>;
export type PayloadOf<C extends MessageContract> = z.output<C['schema']>;

export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(definition: {
  subject: string;
  request: Req;
  response: Res;
}): RequestContract<Req, Res> {
  return Object.freeze({
    kind: 'request',
    ...definition,
    subject: assertSubject(definition.subject),
  });
}

export function defineEvent<S extends z.ZodType>(definition: {
  subject: string;
  schema: S;
}): EventContract<S> {
  return Object.freeze({
    kind: 'event',
    ...definition,
    subject: assertSubject(definition.subject),
  });
}

export function defineJob<S extends z.ZodType>(definition: {
  subject: string;
  stream: string;
  schema: S;
}): JobContract<S> {
  return Object.freeze({
    kind: 'job',
    ...definition,
    subject: assertSubject(definition.subject),
    stream: assertStreamName(definition.stream),
  });
}
