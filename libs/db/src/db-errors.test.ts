import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation, mapDbError } from './db-errors.ts';

const pgError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`pg ${code}`), { code, ...extra });

describe('mapDbError', () => {
  it('turns a unique violation into a non-retryable CONFLICT naming the constraint', () => {
    const mapped = mapDbError(pgError('23505', { constraint: 'groups_name_key', table: 'groups' }));
    expect(mapped.code).toBe('CONFLICT');
    expect(mapped.retryable).toBe(false);
    expect(mapped.details).toMatchObject({ constraint: 'groups_name_key', table: 'groups' });
    expect(isUniqueViolation(pgError('23505'))).toBe(true);
  });

  it('treats a refused or dropped connection as retryable UNAVAILABLE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(mapDbError(refused)).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(mapDbError(new Error('Connection terminated unexpectedly')).code).toBe('UNAVAILABLE');
    expect(mapDbError(pgError('57P03')).code).toBe('UNAVAILABLE');
    expect(mapDbError(pgError('08006')).code).toBe('UNAVAILABLE');
  });

  it('marks serialization failures and deadlocks as a retryable CONFLICT', () => {
    expect(mapDbError(pgError('40001'))).toMatchObject({ code: 'CONFLICT', retryable: true });
    expect(mapDbError(pgError('40P01'))).toMatchObject({ code: 'CONFLICT', retryable: true });
  });

  it('maps malformed values to INVALID_INPUT and statement timeouts to TIMEOUT', () => {
    expect(mapDbError(pgError('22P02')).code).toBe('INVALID_INPUT');
    expect(mapDbError(pgError('57014'))).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('keeps MicroSegErrors and wraps the rest as INTERNAL with the cause', () => {
    const own = new MicroSegError('NOT_FOUND', 'x');
    expect(mapDbError(own)).toBe(own);
    const cause = pgError('42P01');
    const mapped = mapDbError(cause);
    expect(mapped.code).toBe('INTERNAL');
    expect(mapped.cause).toBe(cause);
  });
});
