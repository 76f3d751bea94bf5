import { describe, expect, it } from 'vitest';
import { MicroSegError, deserializeError, serializeError, toMicroSegError } from './index.ts';

describe('MicroSegError', () => {
  it('derives retryable from the code unless told otherwise', () => {
    expect(new MicroSegError('UNAVAILABLE', 'db down').retryable).toBe(true);
    expect(new MicroSegError('INVALID_INPUT', 'bad').retryable).toBe(false);
    expect(new MicroSegError('INTERNAL', 'x', { retryable: true }).retryable).toBe(true);
  });

  it('round-trips through its wire form', () => {
    const original = new MicroSegError('NOT_FOUND', 'dataset d1 not found', { details: { id: 'd1' } });
    const back = deserializeError(JSON.parse(JSON.stringify(serializeError(original))));
    expect(back).toBeInstanceOf(MicroSegError);
    expect(back.toJSON()).toEqual(original.toJSON());
  });

  it('wraps foreign errors as INTERNAL and keeps the cause', () => {
    const cause = new TypeError('boom');
    const wrapped = toMicroSegError(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.cause).toBe(cause);
  });

  it('refuses to invent a code from a malformed payload', () => {
    expect(deserializeError({ code: 'NOPE', message: 'x' }).code).toBe('INTERNAL');
  });
});
