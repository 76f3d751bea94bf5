import type { DatasetVersion } from '@microseg/contracts';
import type { Kysely, Transaction } from '@microseg/db';
import type { DatasetDatabase } from './dataset.tables.ts';
import { toVersion } from './row-mapping.ts';

export interface NewVersion {
  datasetId: string;
  contentHash: string;
  content: unknown;
  imageCount: number;
  maskCount: number;
  experiments: string[];
  note: string | null;
  createdBy: string;
}

const summaryColumns = ['id', 'dataset_id', 'number', 'content_hash', 'image_count', 'mask_count', 'experiments', 'note', 'created_by', 'created_at'] as const;

/** Dataset versions: immutable rows, only ever inserted. */
export class VersionRepository {
  constructor(private readonly db: Kysely<DatasetDatabase>) {}

  /**
   * Freezes a version numbered 1, 2, ... per dataset, unless the latest version has this content:
   * that version is the answer (a version is identified by its content). The dataset row lock
   * serialises freezes of one dataset, so two at once make one version, not a duplicate number.
   */
  async insertUnlessLatest(input: NewVersion): Promise<DatasetVersion> {
    return this.db.transaction().execute(async (trx) => {
      await trx.selectFrom('datasets').select('id').where('id', '=', input.datasetId).forUpdate().executeTakeFirst();
      const latest = await this.latest(input.datasetId, trx);
      if (latest?.contentHash === input.contentHash) return latest;
      const row = await trx
        .insertInto('dataset_versions')
        .values({
          dataset_id: input.datasetId,
          number: (latest?.number ?? 0) + 1,
          content_hash: input.contentHash,
          content: JSON.stringify(input.content),
          image_count: input.imageCount,
          mask_count: input.maskCount,
          experiments: JSON.stringify(input.experiments),
          note: input.note,
          created_by: input.createdBy,
        })
        .returning(summaryColumns)
        .executeTakeFirstOrThrow();
      return toVersion(row);
    });
  }

  async latest(datasetId: string, db: Kysely<DatasetDatabase> | Transaction<DatasetDatabase> = this.db): Promise<DatasetVersion | undefined> {
    const row = await db
      .selectFrom('dataset_versions')
      .select(summaryColumns)
      .where('dataset_id', '=', datasetId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async list(datasetId: string): Promise<DatasetVersion[]> {
    const rows = await this.db.selectFrom('dataset_versions').select(summaryColumns).where('dataset_id', '=', datasetId).orderBy('number').execute();
    return rows.map(toVersion);
  }

  async find(id: string): Promise<{ version: DatasetVersion; content: unknown } | undefined> {
    const row = await this.db.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { version: toVersion(row), content: row.content } : undefined;
  }
}
