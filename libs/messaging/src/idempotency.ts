import { createHash } from 'node:crypto';
import { MicroSegError, invalidInput } from '@microseg/errors';
import { type Kysely, type Migration, sql } from 'kysely';
import type { Metadata } from './metadata.ts';

/**
 * The header carrying the client's `Idempotency-Key` from the gateway to a service: a mutation
 * repeated with the same key (and the same input) answers what the first one did.
 */
export const IDEMPOTENCY_KEY_HEADER = 'microseg-idempotency-key';

/** Where a service keeps the first answer to each key. */
export interface IdempotencyRecords {
  findIdempotent(groupId: string, key: string, operation: string): Promise<{ request_hash: string; response: unknown } | undefined>;
  /** Stores the first answer for a key; a concurrent twin that stored first wins. */
  saveIdempotent(groupId: string, key: string, operation: string, requestHash: string, response: unknown): Promise<void>;
}

/**
 * Runs a mutation at most once per `Idempotency-Key` (per group and operation): a retry with the
 * same key and input gets the stored answer; the same key with another input is a CONFLICT.
 * Without a key the mutation just runs. Only successes are stored, so a failed attempt can be
 * retried with its key.
 */
export async function idempotent<T>(
  records: IdempotencyRecords,
  context: { headers: Metadata; principal: { groupId: string }; operation: string; input: unknown },
  run: () => Promise<T>,
): Promise<T> {
  const key = context.headers[IDEMPOTENCY_KEY_HEADER];
  if (key === undefined || key === '') return run();
  if (key.length > 200) throw invalidInput('Idempotency-Key is longer than 200 characters', { problem: 'bad-idempotency-key' });
  const requestHash = createHash('sha256').update(JSON.stringify(context.input)).digest('hex');
  const { groupId } = context.principal;
  const stored = await records.findIdempotent(groupId, key, context.operation);
  if (stored) {
    if (stored.request_hash !== requestHash) {
      throw new MicroSegError('CONFLICT', 'this Idempotency-Key was used before with a different request', {
        details: { idempotencyKey: key, operation: context.operation },
      });
    }
    return stored.response as T;
  }
  const response = await run();
  await records.saveIdempotent(groupId, key, context.operation, requestHash, response);
  return response;
}

/** The `idempotency_keys` table, as a migration a service adds under its own next number. */
export const idempotencyKeysMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('group_id', 'uuid', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('response', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['group_id', 'key', 'operation'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('idempotency_keys').execute();
  },
};

/** IdempotencyRecords over the `idempotency_keys` table of the service's schema. */
export class IdempotencyTable implements IdempotencyRecords {
  constructor(private readonly db: Kysely<any>) {}

  async findIdempotent(groupId: string, key: string, operation: string): Promise<{ request_hash: string; response: unknown } | undefined> {
    return this.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('group_id', '=', groupId)
      .where('key', '=', key)
      .where('operation', '=', operation)
      .executeTakeFirst();
  }

  async saveIdempotent(groupId: string, key: string, operation: string, requestHash: string, response: unknown): Promise<void> {
    await this.db
      .insertInto('idempotency_keys')
      .values({ group_id: groupId, key, operation, request_hash: requestHash, response: JSON.stringify(response) })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
