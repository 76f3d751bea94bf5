import { createHash } from 'node:crypto';
import { MicroSegError, invalidInput } from '@microseg/errors';
import { type Kysely, type Migration, sql } from 'kysely';
import type { Metadata } from './metadata.ts';

/**
 * The header carrying the client's `Idempotency-Key` from the gateway to a service: a mutation
 * repeated with the same key (and the same input) answers what the first one did.
 */
export const IDEMPOTENCY_KEY_HEADER = 'microseg-idempotency-key';

/** What is stored for a key: the request's hash and its answer (null while the first call runs). */
export interface IdempotencyRecord {
  request_hash: string;
  response: unknown;
}

/** Where a service keeps the first answer to each key. */
export interface IdempotencyRecords {
  /**
   * Claims the key for a request about to run: undefined when this caller holds it now (the key
   * is new, or its first holder died long ago without an answer); otherwise the stored record.
   */
  claimIdempotent(groupId: string, key: string, operation: string, requestHash: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the answer of the claimed key. */
  completeIdempotent(groupId: string, key: string, operation: string, response: unknown): Promise<void>;
  /** Gives a claimed key up (the call failed), so a retry with it may run. */
  releaseIdempotent(groupId: string, key: string, operation: string): Promise<void>;
}

/**
 * Runs a mutation at most once per `Idempotency-Key` (per group and operation): a retry with the
 * same key and input gets the stored answer; the same key with another input is a CONFLICT; a
 * retry while the first call still runs is a retryable CONFLICT (it must not act a second time).
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
  const { operation } = context;
  const stored = await records.claimIdempotent(groupId, key, operation, requestHash);
  if (!stored) {
    let response: T;
    try {
      response = await run();
    } catch (error) {
      await records.releaseIdempotent(groupId, key, operation);
      throw error;
    }
    await records.completeIdempotent(groupId, key, operation, response);
    return response;
  }
  const details = { idempotencyKey: key, operation };
  if (stored.request_hash !== requestHash) {
    throw new MicroSegError('CONFLICT', 'this Idempotency-Key was used before with a different request', { details });
  }
  if (stored.response === null) {
    throw new MicroSegError('CONFLICT', 'a request with this Idempotency-Key is still running: retry shortly', { retryable: true, details });
  }
  return stored.response as T;
}

/**
 * A claim older than this without an answer belongs to a process that died mid-call: the key may
 * be claimed again. Far above any mutation's duration (the gateway gives up after seconds).
 */
const ABANDONED_CLAIM = '5 minutes';

/**
 * The `idempotency_keys` table, as a migration a service adds under its own next number. Frozen:
 * services have applied it (shared-migrations.test.ts holds its DDL); change it with a new one.
 */
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

/**
 * Lets a key be claimed (response null) before its mutation runs, so a concurrent retry cannot
 * run it twice: a migration of its own, after the table's, in every service that has the table.
 */
export const idempotencyClaimsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('idempotency_keys').alterColumn('response', (c) => c.dropNotNull()).execute();
  },
};

/** IdempotencyRecords over the `idempotency_keys` table of the service's schema. */
export class IdempotencyTable implements IdempotencyRecords {
  constructor(private readonly db: Kysely<any>) {}

  async claimIdempotent(groupId: string, key: string, operation: string, requestHash: string): Promise<IdempotencyRecord | undefined> {
    const claimed = await sql<{ key: string }>`
      insert into idempotency_keys (group_id, key, operation, request_hash, response)
      values (${groupId}, ${key}, ${operation}, ${requestHash}, null)
      on conflict (group_id, key, operation) do update set request_hash = excluded.request_hash, created_at = now()
        where idempotency_keys.response is null and idempotency_keys.created_at < now() - ${ABANDONED_CLAIM}::interval
      returning key`.execute(this.db);
    if (claimed.rows.length > 0) return undefined;
    const stored: IdempotencyRecord | undefined = await this.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('group_id', '=', groupId)
      .where('key', '=', key)
      .where('operation', '=', operation)
      .executeTakeFirst();
    // Released between the two statements: the first call failed just now; the caller retries.
    return stored ?? { request_hash: requestHash, response: null };
  }

  async completeIdempotent(groupId: string, key: string, operation: string, response: unknown): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ response: JSON.stringify(response) })
      .where('group_id', '=', groupId)
      .where('key', '=', key)
      .where('operation', '=', operation)
      .execute();
  }

  async releaseIdempotent(groupId: string, key: string, operation: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('group_id', '=', groupId)
      .where('key', '=', key)
      .where('operation', '=', operation)
      .where('response', 'is', null)
      .execute();
  }
}
