import type { ImportedWeights, Visibility } from '@microseg/contracts';
import { type Insertable, type Kysely, type Selectable } from '@microseg/db';
import { readableBy } from './readable.ts';
import { toImportedWeights } from './registry-mapping.ts';
import type { ImportedWeightsTable, TrainingDatabase, WeightsUploadsTable } from './training.tables.ts';

export type WeightsUploadRow = Selectable<WeightsUploadsTable>;

/** Imported PyTorch weights and their uploads: the only code touching these tables. */
export class WeightsRepository {
  constructor(private readonly db: Kysely<TrainingDatabase>) {}

  async createUpload(values: Insertable<WeightsUploadsTable>): Promise<WeightsUploadRow> {
    return this.db.insertInto('weights_uploads').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async findUpload(id: string): Promise<WeightsUploadRow | undefined> {
    return this.db.selectFrom('weights_uploads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records the import and marks its upload used, once: a repeated completion returns the first import. */
  async insertWeights(uploadId: string, values: Insertable<ImportedWeightsTable>): Promise<ImportedWeights> {
    return this.db.transaction().execute(async (trx) => {
      const upload = await trx.selectFrom('weights_uploads').select('weights_id').where('id', '=', uploadId).forUpdate().executeTakeFirstOrThrow();
      if (upload.weights_id) {
        return toImportedWeights(await trx.selectFrom('imported_weights').selectAll().where('id', '=', upload.weights_id).executeTakeFirstOrThrow());
      }
      const row = await trx.insertInto('imported_weights').values(values).returningAll().executeTakeFirstOrThrow();
      await trx.updateTable('weights_uploads').set({ weights_id: row.id }).where('id', '=', uploadId).execute();
      return toImportedWeights(row);
    });
  }

  async findReadable(groupId: string, id: string): Promise<ImportedWeights | undefined> {
    const row = await this.db.selectFrom('imported_weights').selectAll().where('id', '=', id).where(readableBy('imported_weights', groupId)).executeTakeFirst();
    return row ? toImportedWeights(row) : undefined;
  }

  async listReadable(groupId: string, encoder?: string): Promise<ImportedWeights[]> {
    let query = this.db.selectFrom('imported_weights').selectAll().where(readableBy('imported_weights', groupId));
    if (encoder) query = query.where('encoder', '=', encoder);
    return (await query.orderBy('created_at', 'desc').execute()).map(toImportedWeights);
  }

  static visibilityColumns(visibility: Visibility) {
    return { visibility_level: visibility.level, shared_with: JSON.stringify(visibility.level === 'shared' ? visibility.sharedWith : []) };
  }
}
