import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER, type Principal } from '@microseg/contracts';
import { MicroSegError, invalidInput } from '@microseg/errors';
import type { Metadata } from '@microseg/messaging';
import type { UploadRepository } from './upload.repository.ts';

/**
 * Runs a mutation at most once per `Idempotency-Key` (per group and operation): a retry with the
 * same key and input gets the stored answer; the same key with another input is a CONFLICT.
 * Without a key the mutation just runs. Only successes are stored, so a failed attempt can be
 * retried with its key.
 */
export async function idempotent<T>(
  repository: UploadRepository,
  context: { headers: Metadata; principal: Principal; operation: string; input: unknown },
  run: () => Promise<T>,
): Promise<T> {
  const key = context.headers[IDEMPOTENCY_KEY_HEADER];
  if (key === undefined || key === '') return run();
  if (key.length > 200) throw invalidInput('Idempotency-Key is longer than 200 characters', { problem: 'bad-idempotency-key' });
  const requestHash = createHash('sha256').update(JSON.stringify(context.input)).digest('hex');
  const { groupId } = context.principal;
  const stored = await repository.findIdempotent(groupId, key, context.operation);
  if (stored) {
    if (stored.request_hash !== requestHash) {
      throw new MicroSegError('CONFLICT', 'this Idempotency-Key was used before with a different request', {
        details: { idempotencyKey: key, operation: context.operation },
      });
    }
    return stored.response as T;
  }
  const response = await run();
  await repository.saveIdempotent(groupId, key, context.operation, requestHash, response);
  return response;
}
