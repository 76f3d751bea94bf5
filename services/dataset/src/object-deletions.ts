import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, type Transaction, sql } from '@microseg/db';
import type { Logger } from '@microseg/logging';
import type { ObjectStore } from '@microseg/storage';
import type { DatasetDatabase } from './dataset.tables.ts';
import { objectKeys } from './object-keys.ts';

type Db = Kysely<DatasetDatabase> | Transaction<DatasetDatabase>;

/** How long a claimed deletion is left to its sweeper before another may retry it. */
const CLAIM_SECONDS = 60;
const BATCH = 100;

/**
 * Schedules the store objects of what was just soft-deleted, in the same transaction as the
 * delete: presigned URLs handed out before stop working once the objects are gone, and nothing
 * is lost if the service stops in between. Objects a dataset version holds (its images'
 * normalised copies and masks) are kept: versions are immutable and trainings read them.
 */
export async function scheduleObjectDeletions(
  trx: Db,
  scope: { datasetId: string; imageIds?: readonly string[]; maskIds?: readonly string[] },
  delaySeconds: number,
): Promise<void> {
  const { datasetId, imageIds, maskIds } = scope;
  const ofImages = (column: string) => (imageIds ? sql`and ${sql.ref(column)} = any(${[...imageIds]}::uuid[])` : sql``);
  const maskObjects = sql`select bucket, unnest(array[original_key, index_key]) as key from masks
    where dataset_id = ${datasetId} ${ofImages('image_id')} ${maskIds ? sql`and id = any(${[...maskIds]}::uuid[])` : sql``}`;
  // Deleting masks alone leaves their image's objects; deleting images or a dataset takes both.
  const objects = maskIds
    ? maskObjects
    : sql`select bucket, unnest(array[original_key, normalised_key, thumbnail_key]) as key from images
        where dataset_id = ${datasetId} ${ofImages('id')}
      union ${maskObjects}`;
  const keptByVersions = sql`
    select entry -> 'normalised' ->> 'key' as key from dataset_versions, jsonb_array_elements(content -> 'images') entry where dataset_id = ${datasetId}
    union select entry -> 'mask' ->> 'key' from dataset_versions, jsonb_array_elements(content -> 'images') entry where dataset_id = ${datasetId}`;
  await sql`
    insert into pending_object_deletions (bucket, key, due_at)
    select distinct bucket, key, now() + make_interval(secs => ${delaySeconds}) from (${objects}) objects
    where not exists (select 1 from (${keptByVersions}) kept where kept.key = objects.key)`.execute(trx);
  if (maskIds) return;
  // The deep-zoom tiles of the images (theirs and their masks'): no version holds them, and a
  // deleted image is never shown again, so they go whole, folder by folder.
  let images = trx.selectFrom('images').select(['bucket', 'normalised_key']).where('dataset_id', '=', datasetId);
  if (imageIds) images = images.where('id', 'in', [...imageIds]);
  const folders = (await images.execute()).map((image) => ({ bucket: image.bucket, key: objectKeys.deepZoomFolder(image.normalised_key), prefix: true }));
  if (folders.length === 0) return;
  await trx
    .insertInto('pending_object_deletions')
    .values(folders.map((folder) => ({ ...folder, due_at: sql<Date>`now() + make_interval(secs => ${delaySeconds})` })))
    .execute();
}

/**
 * Removes the scheduled objects once due. Several replicas share the work: each claims a batch
 * (FOR UPDATE SKIP LOCKED) by pushing its due time a claim period ahead, so a sweeper that dies
 * mid-batch leaves its rows to be retried; a row is deleted only after its object is.
 */
export class ObjectDeletionSweeper {
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: { db: Kysely<DatasetDatabase>; store: ObjectStore; logger: Logger; intervalMs: number }) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.loop;
  }

  /** One batch; answers how many objects were removed and how many failed (to be retried). */
  async sweepOnce(): Promise<{ removed: number; failed: number }> {
    const { db, store, logger } = this.deps;
    const claimed = await db
      .updateTable('pending_object_deletions')
      .set({ due_at: sql<Date>`now() + make_interval(secs => ${CLAIM_SECONDS})`, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', (eb) =>
        eb.selectFrom('pending_object_deletions').select('id').where('due_at', '<=', sql<Date>`now()`).orderBy('due_at').limit(BATCH).forUpdate().skipLocked(),
      )
      .returning(['id', 'bucket', 'key', 'prefix', 'attempts'])
      .execute();
    let removed = 0;
    let failed = 0;
    for (const row of claimed) {
      try {
        if (row.prefix) await store.removePrefix(row.bucket, row.key);
        else await store.removeObject(row.bucket, row.key);
        await db.deleteFrom('pending_object_deletions').where('id', '=', row.id).execute();
        removed++;
      } catch (error) {
        failed++;
        logger.warn({ err: error, bucket: row.bucket, key: row.key, attempts: row.attempts }, 'could not remove a deleted object; retrying later');
        await db
          .updateTable('pending_object_deletions')
          .set({ last_error: error instanceof Error ? error.message : String(error) })
          .where('id', '=', row.id)
          .execute()
          .catch(() => undefined);
      }
    }
    return { removed, failed };
  }

  private async run(): Promise<void> {
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      try {
        const { removed } = await this.sweepOnce();
        if (removed === BATCH) continue;
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'object deletion sweep failed; retrying');
      }
      await sleep(this.deps.intervalMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
