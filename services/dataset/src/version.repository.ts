import type { DatasetVersion } from '@microseg/contracts';
import { type Kysely, sql } from '@microseg/db';
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

  /** Numbers versions 1, 2, ... per dataset; the unique (dataset, number) refuses a racing twin. */
  async insert(input: NewVersion): Promise<DatasetVersion> {
    const row = await this.db
      .insertInto('dataset_versions')
      .values({
        dataset_id: input.datasetId,
        number: sql<number>`(select coalesce(max(number), 0) + 1 from dataset_versions where dataset_id = ${input.datasetId})`,
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
  }

  async latest(datasetId: string): Promise<DatasetVersion | undefined> {
    const row = await this.db
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
