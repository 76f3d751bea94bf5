import { MicroSegError } from '@microseg/errors';
import { ErrorCode as NatsCode, NatsError } from 'nats';
import { describe, expect, it } from 'vitest';
import { fromHeaders, toHeaders } from './metadata.ts';
import { mapNatsError } from './nats-errors.ts';
import { errorReply, okReply, openReply } from './reply-envelope.ts';

/** The value a call throws, for matching its fields. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('reply envelope', () => {
  it('returns the data of a successful reply', () => {
    expect(openReply(JSON.parse(JSON.stringify(okReply({ n: 1 }))), 's')).toEqual({ n: 1 });
  });

  it('throws the MicroSegError the handler threw, code, details and retryable intact', () => {
    const thrown = new MicroSegError('NOT_FOUND', 'dataset d1 not found', {
      details: { id: 'd1' },
    });
    const wire = JSON.parse(JSON.stringify(errorReply(thrown)));
    expect(thrownBy(() => openReply(wire, 's'))).toMatchObject({
      code: 'NOT_FOUND',
      retryable: false,
      details: { id: 'd1' },
    });
  });

  it('reports a reply that is not an envelope as INTERNAL', () => {
    expect(thrownBy(() => openReply({ data: 1 }, 's'))).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('metadata headers', () => {
  it('round-trip and hide NATS-internal headers', () => {
    const hdrs = toHeaders({ 'x-principal': 'g1:admin' }, { 'Nats-Msg-Id': 'm1' });
    expect(fromHeaders(hdrs)).toEqual({ 'x-principal': 'g1:admin' });
    expect(toHeaders(undefined)).toBeUndefined();
  });
});

describe('mapNatsError', () => {
  it('maps no responders to UNAVAILABLE and timeouts to TIMEOUT, both retryable', () => {
    expect(
      mapNatsError(NatsError.errorForCode(NatsCode.NoResponders), 'microseg.x.v1.get'),
    ).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    expect(
      mapNatsError(NatsError.errorForCode(NatsCode.Timeout), 'microseg.x.v1.get'),
    ).toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
    });
  });
});
