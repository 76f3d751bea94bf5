import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER, type IdempotencyRecords, idempotent } from './idempotency.ts';

/** The two methods idempotent() uses, over a Map instead of PostgreSQL. */
function memoryRepository(): IdempotencyRecords {
  const stored = new Map<string, { request_hash: string; response: unknown }>();
  const id = (groupId: string, key: string, operation: string) => `${groupId}/${key}/${operation}`;
  return {
    findIdempotent: async (groupId: string, key: string, operation: string) => stored.get(id(groupId, key, operation)),
    saveIdempotent: async (groupId: string, key: string, operation: string, request_hash: string, response: unknown) => {
      if (!stored.has(id(groupId, key, operation))) stored.set(id(groupId, key, operation), { request_hash, response });
    },
  };
}

const principal = { groupId: '00000000-0000-4000-8000-000000000001' };

describe('idempotent mutations', () => {
  it('runs once per key and answers retries from the record', async () => {
    const repository = memoryRepository();
    let runs = 0;
    const context = { headers: { [IDEMPOTENCY_KEY_HEADER]: 'k1' }, principal, operation: 'createDataset', input: { name: 'A' } };
    const first = await idempotent(repository, context, async () => ({ id: ++runs }));
    const retry = await idempotent(repository, context, async () => ({ id: ++runs }));
    expect(retry).toEqual(first);
    expect(runs).toBe(1);
  });

  it('refuses the same key with another input as a CONFLICT', async () => {
    const repository = memoryRepository();
    const headers = { [IDEMPOTENCY_KEY_HEADER]: 'k1' };
    await idempotent(repository, { headers, principal, operation: 'createDataset', input: { name: 'A' } }, async () => 1);
    const error = await idempotent(repository, { headers, principal, operation: 'createDataset', input: { name: 'B' } }, async () => 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).code).toBe('CONFLICT');
  });

  it('keeps nothing for failures, and runs every time without a key', async () => {
    const repository = memoryRepository();
    const context = { headers: { [IDEMPOTENCY_KEY_HEADER]: 'k2' }, principal, operation: 'setExperiment', input: {} };
    await expect(idempotent(repository, context, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await idempotent(repository, context, async () => 'second try')).toBe('second try');
    let runs = 0;
    const noKey = { headers: {}, principal, operation: 'setExperiment', input: {} };
    await idempotent(repository, noKey, async () => ++runs);
    await idempotent(repository, noKey, async () => ++runs);
    expect(runs).toBe(2);
  });
});
