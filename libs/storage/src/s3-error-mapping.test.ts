import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { toStorageError } from './s3-error-mapping.ts';

const s3Error = (code: string) => Object.assign(new Error(`S3 said ${code}`), { code });
const where = { bucket: 'b', key: 'k' };

describe('toStorageError', () => {
  it('maps missing keys and buckets to NOT_FOUND', () => {
    for (const code of ['NoSuchKey', 'NoSuchBucket', 'NotFound']) {
      expect(toStorageError(s3Error(code), where)).toMatchObject({
        code: 'NOT_FOUND',
        retryable: false,
        details: { ...where, s3Code: code },
      });
    }
  });

  it('maps refused connections, including dual-stack AggregateErrors, to retryable UNAVAILABLE', () => {
    expect(toStorageError(s3Error('ECONNREFUSED'), where)).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    const dualStack = new AggregateError([s3Error('ECONNREFUSED'), s3Error('ECONNREFUSED')], '');
    expect(toStorageError(dualStack, where)).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    expect(toStorageError(s3Error('SlowDown'), where)).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
  });

  it('maps bad names to INVALID_INPUT and keeps the cause', () => {
    const cause = Object.assign(new Error('Invalid bucket name: B!'), {
      name: 'InvalidBucketNameError',
    });
    const mapped = toStorageError(cause, where);
    expect(mapped).toMatchObject({ code: 'INVALID_INPUT' });
    expect(mapped.cause).toBe(cause);
  });

  it('treats anything else as INTERNAL and passes MicroSegErrors through', () => {
    expect(toStorageError(s3Error('AccessDenied'), where).code).toBe('INTERNAL');
    const own = new MicroSegError('CONFLICT', 'x');
    expect(toStorageError(own, where)).toBe(own);
  });
});
