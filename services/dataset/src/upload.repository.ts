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

  /** Closes an upload whose bytes turned out to be an image the dataset already holds. */
  async markDeduplicated(id: string, resultId: string): Promise<void> {
    await this.db.updateTable('uploads').set({ status: 'completed', result_id: resultId, completed_at: new Date() }).where('id', '=', id).execute();
  }
}
