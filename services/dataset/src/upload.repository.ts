import type { Insertable, Kysely, Selectable } from '@microseg/db';
import type { DatasetDatabase, UploadsTable } from './dataset.tables.ts';

export type UploadRow = Selectable<UploadsTable>;

/** Upload tickets: the only code touching that table. */
export class UploadRepository {
  constructor(private readonly db: Kysely<DatasetDatabase>) {}

  async create(values: Insertable<UploadsTable>): Promise<UploadRow> {
    return this.db.insertInto('uploads').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async find(groupId: string, id: string): Promise<UploadRow | undefined> {
    return this.db.selectFrom('uploads').selectAll().where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst();
  }

  /** Records why an upload was refused; its bytes are gone and it cannot be completed again. */
  async markFailed(id: string, failure: unknown): Promise<void> {
    await this.db.updateTable('uploads').set({ status: 'failed', failure: JSON.stringify(failure), completed_at: new Date() }).where('id', '=', id).execute();
  }

  /** Hands objects that could not be removed now to the deletion sweeper, which retries until they are gone. */
  async scheduleRemoval(bucket: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .insertInto('pending_object_deletions')
      .values(keys.map((key) => ({ bucket, key, due_at: new Date() })))
      .execute();
  }
}
