import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER, type IdempotencyRecords, idempotent } from './idempotency.ts';

/** The records idempotent() keeps, over a Map instead of PostgreSQL. */
function memoryRepository(): IdempotencyRecords {
  const stored = new Map<string, { request_hash: string; response: unknown }>();
  const id = (groupId: string, key: string, operation: string) => `${groupId}/${key}/${operation}`;
  return {
    claimIdempotent: async (groupId, key, operation, request_hash) => {
      const existing = stored.get(id(groupId, key, operation));
      if (existing) return existing;
      stored.set(id(groupId, key, operation), { request_hash, response: null });
      return undefined;
    },
    completeIdempotent: async (groupId, key, operation, response) => {
      stored.get(id(groupId, key, operation))!.response = response;
    },
    releaseIdempotent: async (groupId, key, operation) => {
      stored.delete(id(groupId, key, operation));
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

  it('refuses a retry while the first call still runs (retryable CONFLICT), and acts once', async () => {
    const repository = memoryRepository();
    const context = { headers: { [IDEMPOTENCY_KEY_HEADER]: 'k3' }, principal, operation: 'runPolicy', input: { id: 'p' } };
    let finish: (value: string) => void = () => undefined;
    let runs = 0;
    const first = idempotent(repository, context, () => {
      runs++;
      return new Promise<string>((resolve) => (finish = resolve));
    });
    const error = await idempotent(repository, context, async () => `run ${++runs}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicroSegError);
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: true });
    finish('run 1');
    expect(await first).toBe('run 1');
    expect(await idempotent(repository, context, async () => `run ${++runs}`)).toBe('run 1');
    expect(runs).toBe(1);
  });
});
