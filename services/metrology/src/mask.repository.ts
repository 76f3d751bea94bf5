import type { MaskToMeasure } from '@microseg/contracts';
import { type Kysely, type Selectable, sql } from '@microseg/db';
import type { MasksTable, MetrologyDatabase } from './metrology.tables.ts';

export type MaskRow = Selectable<MasksTable>;

/** The masks the service was told about, mirrored from `mask.created` (and model mask) events. */
export class MaskRepository {
  constructor(private readonly db: Kysely<MetrologyDatabase>) {}

  /**
   * Records a mask (a redelivered event changes nothing). Like the dataset service, a newer mask
   * of the same image, source and model version supersedes the older one, whichever event
   * arrives first.
   */
  async record(mask: MaskToMeasure): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('masks')
        .values({
          id: mask.maskId,
          image_id: mask.imageId,
          dataset_id: mask.datasetId,
          group_id: mask.groupId,
          source: mask.source,
          model_version_id: mask.modelVersionId,
          index_bucket: mask.index.bucket,
          index_key: mask.index.key,
          index_sha256: mask.index.sha256,
          width: mask.width,
          height: mask.height,
          pixel_size_value: mask.pixelSize?.value ?? null,
          pixel_size_unit: mask.pixelSize?.unit ?? null,
          pixel_size_source: mask.pixelSize ? mask.pixelSizeSource : null,
          created_at: new Date(mask.createdAt),
          superseded_at: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const sameSlot = trx
        .updateTable('masks')
        .set({ superseded_at: new Date() })
        .where('image_id', '=', mask.imageId)
        .where('source', '=', mask.source)
        .where(sql<boolean>`coalesce(model_version_id, '') = ${mask.modelVersionId ?? ''}`)
        .where('superseded_at', 'is', null);
      // Older masks of the slot give way to this one; this one gives way if a newer one is known.
      await sameSlot.where('created_at', '<', new Date(mask.createdAt)).execute();
      await sql`update masks set superseded_at = now() where id = ${mask.maskId} and superseded_at is null and exists (
        select 1 from masks newer where newer.image_id = ${mask.imageId} and newer.source = ${mask.source}
          and coalesce(newer.model_version_id, '') = ${mask.modelVersionId ?? ''} and newer.created_at > ${new Date(mask.createdAt)})`.execute(
        trx,
      );
    });
  }

  async currentOfDataset(datasetId: string): Promise<MaskRow[]> {
    return this.db
      .selectFrom('masks')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('superseded_at', 'is', null)
      .orderBy('created_at')
      .execute();
  }
}

export function toMaskToMeasure(row: MaskRow): MaskToMeasure {
  return {
    maskId: row.id,
    imageId: row.image_id,
    datasetId: row.dataset_id,
    groupId: row.group_id,
    source: row.source,
    modelVersionId: row.model_version_id,
    index: { bucket: row.index_bucket, key: row.index_key, sha256: row.index_sha256 },
    width: row.width,
    height: row.height,
    pixelSize:
      row.pixel_size_value !== null && row.pixel_size_unit
        ? { value: row.pixel_size_value, unit: row.pixel_size_unit }
        : null,
    pixelSizeSource: row.pixel_size_source,
    createdAt: row.created_at.toISOString(),
  };
}
