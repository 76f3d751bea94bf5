import { type Image, type Mask, type PageRequest, datasetEvents, decodePositionCursor, encodePositionCursor } from '@microseg/contracts';
import { type Insertable, type Kysely, type Selectable, type Transaction, mapDbError, precompiledQuery, sql } from '@microseg/db';
import { MicroSegError, notFound } from '@microseg/errors';
import { type PayloadInput, enqueueOutbox } from '@microseg/messaging';
import type { DatasetDatabase, ImagesTable, MasksTable } from './dataset.tables.ts';
import { scheduleObjectDeletions } from './object-deletions.ts';
import { toImage, toMask } from './row-mapping.ts';

export type ImageRow = Selectable<ImagesTable>;
/** A mask row before it has its image (the mask of an image upload is validated before the image exists). */
export type NewMask = Omit<Insertable<MasksTable>, 'image_id'>;
/** A mask to commit with its image, replacing the image's current mask of that source. */
export interface MaskToCommit {
  values: NewMask;
  memberId: string;
}

export interface ImageFilter {
  experiment?: string | undefined;
  subset?: 'train' | 'val' | 'test' | undefined;
  limsId?: string | undefined;
  metadata?: Record<string, string> | undefined;
  hasMask?: boolean | undefined;
}

export interface ImageChanges {
  name?: string;
  limsId?: string | null;
  pixelSize?: { value: number; unit: 'nm' | 'um' | 'mm' } | null;
  metadata?: Record<string, string>;
}

type Db = Kysely<DatasetDatabase> | Transaction<DatasetDatabase>;

/** Whether an image has a live ground-truth mask; the has-mask filter and flag read the same rule. */
const groundTruthExists = sql<boolean>`exists (select 1 from masks m where m.image_id = images.id and m.source = 'ground_truth' and m.deleted_at is null)`;

/** created_at with its microseconds (a JS Date keeps milliseconds only), for exact keyset cursors. */
export const microsecondCursor = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Images and masks: the only code touching those tables. */
export class ImageRepository {
  /** What a LIMS polls (imageByLimsId): compiled once rather than built and compiled per call. */
  private readonly selectByLimsId;

  constructor(private readonly db: Kysely<DatasetDatabase>) {
    this.selectByLimsId = precompiledQuery(
      db as Kysely<unknown>,
      // An image of a deleted dataset has no LIMS id to answer to any more (its own row is kept).
      (groupId: string, limsId: string) =>
        this.selectImages()
          .innerJoin('datasets', 'datasets.id', 'images.dataset_id')
          .where('datasets.deleted_at', 'is', null)
          .where('images.group_id', '=', groupId)
          .where('images.lims_id', '=', limsId),
      2,
    );
  }

  private selectImages(db: Db = this.db) {
    return db
      .selectFrom('images')
      .selectAll('images')
      .select([groundTruthExists.as('has_mask'), microsecondCursor('images.created_at').as('cursor_at')])
      .where('images.deleted_at', 'is', null);
  }

  async find(id: string): Promise<Image | undefined> {
    const row = await this.selectImages().where('images.id', '=', id).executeTakeFirst();
    return row ? toImage(row, row.has_mask) : undefined;
  }

  async findMany(ids: readonly string[]): Promise<Image[]> {
    if (ids.length === 0) return [];
    const rows = await this.selectImages().where('images.id', 'in', ids).execute();
    return rows.map((row) => toImage(row, row.has_mask));
  }

  async findBySha256(datasetId: string, sha256: string): Promise<Image | undefined> {
    const row = await this.selectImages().where('images.dataset_id', '=', datasetId).where('images.sha256', '=', sha256).executeTakeFirst();
    return row ? toImage(row, row.has_mask) : undefined;
  }

  async findByLimsId(groupId: string, limsId: string): Promise<Image | undefined> {
    const [row] = (await this.selectByLimsId(groupId, limsId)).rows;
    return row ? toImage(row, row.has_mask) : undefined;
  }

  async list(datasetId: string, page: PageRequest, filter: ImageFilter) {
    let query = this.selectImages().where('images.dataset_id', '=', datasetId);
    if (filter.limsId !== undefined) query = query.where('images.lims_id', '=', filter.limsId);
    if (filter.metadata && Object.keys(filter.metadata).length > 0) {
      query = query.where(sql<boolean>`images.metadata @> ${JSON.stringify(filter.metadata)}::jsonb`);
    }
    if (filter.hasMask !== undefined) query = query.where(filter.hasMask ? groundTruthExists : sql<boolean>`not ${groundTruthExists}`);
    if (filter.experiment !== undefined || filter.subset !== undefined) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('split_assignments as s')
            .innerJoin('experiments as e', 'e.id', 's.experiment_id')
            .select(sql`1`.as('one'))
            .whereRef('s.image_id', '=', 'images.id')
            .where('e.deleted_at', 'is', null)
            .where('e.dataset_id', '=', datasetId)
            .$if(filter.experiment !== undefined, (q) => q.where('e.name', '=', filter.experiment ?? ''))
            .$if(filter.subset !== undefined, (q) => q.where('s.subset', '=', filter.subset ?? 'train')),
        ),
      );
    }
    if (page.after) {
      const { at: createdAt, id } = decodePositionCursor(page.after);
      query = query.where(sql<boolean>`(images.created_at, images.id) > (${createdAt}::timestamptz, ${id}::uuid)`);
    }
    const rows = await query.orderBy('images.created_at').orderBy('images.id').limit(page.first + 1).execute();
    const pageRows = rows.slice(0, page.first);
    const last = pageRows.at(-1);
    return {
      nodes: pageRows.map((row) => toImage(row, row.has_mask)),
      hasNextPage: rows.length > page.first,
      endCursor: last ? encodePositionCursor(last.cursor_at, last.id) : null,
    };
  }

  /**
   * Records a verified, decoded image and its `image.uploaded` event in one transaction, with its
   * mask when it came with one, and closes the uploads: either all of it commits or none of it does.
   */
  async insertImage(
    values: Insertable<ImagesTable>,
    event: Omit<PayloadInput<typeof datasetEvents.imageUploaded>, 'imageId' | 'uploadedAt'>,
    mask?: MaskToCommit,
  ): Promise<{ image: Image; mask: Mask | null }> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('images').values(values).returningAll().executeTakeFirstOrThrow();
        await enqueueOutbox(trx, datasetEvents.imageUploaded, { ...event, imageId: row.id, uploadedAt: row.created_at.toISOString() });
        await completeUpload(trx, values.upload_id, row.id);
        const image = toImage(row, false);
        const committed = mask ? await insertMaskIn(trx, { ...mask.values, image_id: row.id }, mask.memberId, image) : null;
        return { image: committed?.source === 'ground_truth' ? { ...image, hasMask: true } : image, mask: committed };
      });
    } catch (error) {
      throw this.uniqueConflict(error, values);
    }
  }

  /**
   * Closes an upload of bytes the dataset already holds as `image`, in one transaction with what
   * the upload brought: a LIMS id for an image without one (announced again as `image.uploaded`,
   * so the pipeline starts what a new LIMS-tagged upload starts; runs are unique per policy and
   * image, so none runs twice) and a mask. A LIMS id the image got meanwhile is a CONFLICT.
   */
  async completeAsDuplicate(input: { uploadId: string; image: Image; limsId?: string | undefined; mask?: MaskToCommit | undefined }): Promise<{ image: Image; mask: Mask | null }> {
    const { uploadId, image, limsId, mask } = input;
    try {
      const committed = await this.db.transaction().execute(async (trx) => {
        if (limsId !== undefined && image.limsId !== limsId) {
          const attached = await trx
            .updateTable('images')
            .set({ lims_id: limsId })
            .where('id', '=', image.id)
            .where('lims_id', 'is', null)
            .where('deleted_at', 'is', null)
            .returning('id')
            .executeTakeFirst();
          if (!attached) {
            const current = await trx.selectFrom('images').select('lims_id').where('id', '=', image.id).executeTakeFirst();
            throw limsIdConflict(image.id, current?.lims_id ?? null, limsId);
          }
          await enqueueOutbox(trx, datasetEvents.imageUploaded, {
            imageId: image.id,
            datasetId: image.datasetId,
            groupId: image.groupId,
            sha256: image.sha256,
            width: image.width,
            height: image.height,
            channels: image.channels,
            bitDepth: image.bitDepth,
            original: image.original,
            normalised: image.normalised,
            thumbnail: image.thumbnail,
            uploadedAt: image.createdAt,
          });
        }
        const inserted = mask ? await insertMaskIn(trx, { ...mask.values, image_id: image.id }, mask.memberId, image) : null;
        await completeUpload(trx, uploadId, image.id);
        return inserted;
      });
      const current = await this.find(image.id);
      if (!current) throw notFound('image', image.id);
      return { image: current, mask: committed };
    } catch (error) {
      throw error instanceof MicroSegError ? error : this.uniqueConflict(error, { lims_id: limsId ?? null });
    }
  }

  async update(id: string, changes: ImageChanges): Promise<void> {
    try {
      await this.db
        .updateTable('images')
        .set({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.limsId !== undefined ? { lims_id: changes.limsId } : {}),
          ...(changes.metadata !== undefined ? { metadata: JSON.stringify(changes.metadata) } : {}),
          ...(changes.pixelSize !== undefined
            ? {
                pixel_size_value: changes.pixelSize?.value ?? null,
                pixel_size_unit: changes.pixelSize?.unit ?? null,
                pixel_size_source: changes.pixelSize ? ('upload' as const) : null,
              }
            : {}),
        })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .execute();
    } catch (error) {
      throw this.uniqueConflict(error, { name: changes.name ?? '', lims_id: changes.limsId ?? null });
    }
  }

  /**
   * Soft-deletes an image with its masks; it leaves every split (versions keep their frozen copy)
   * and schedules its objects for removal after `objectsDelaySeconds`.
   */
  async softDelete(id: string, memberId: string, objectsDelaySeconds: number): Promise<Date> {
    return this.db.transaction().execute(async (trx) => {
      const deletedAt = new Date();
      const row = await trx
        .updateTable('images')
        .set({ deleted_at: deletedAt, deleted_by: memberId })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returning('dataset_id')
        .executeTakeFirst();
      if (!row) throw notFound('image', id);
      await scheduleObjectDeletions(trx, { datasetId: row.dataset_id, imageIds: [id] }, objectsDelaySeconds);
      await trx.updateTable('masks').set({ deleted_at: deletedAt, deleted_by: memberId }).where('image_id', '=', id).where('deleted_at', 'is', null).execute();
      await trx.deleteFrom('split_assignments').where('image_id', '=', id).execute();
      return deletedAt;
    });
  }

  /**
   * Records a mask and its `mask.created` event in one transaction; it replaces the image's
   * current mask of the same source (and model version).
   */
  async insertMask(
    values: Insertable<MasksTable>,
    memberId: string,
    image: Pick<Image, 'width' | 'height' | 'pixelSize' | 'pixelSizeSource'>,
  ): Promise<Mask> {
    return this.db.transaction().execute((trx) => insertMaskIn(trx, values, memberId, image));
  }

  async findMask(id: string): Promise<Mask | undefined> {
    const row = await this.db.selectFrom('masks').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? toMask(row) : undefined;
  }

  async findMasks(ids: readonly string[]): Promise<Mask[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('masks').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).execute();
    return rows.map(toMask);
  }

  async masksOfImages(imageIds: readonly string[]): Promise<Mask[]> {
    if (imageIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('masks')
      .selectAll()
      .where('image_id', 'in', imageIds)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toMask);
  }

  async softDeleteMask(id: string, memberId: string, objectsDelaySeconds: number): Promise<Date> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('masks')
        .set({ deleted_at: new Date(), deleted_by: memberId })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returning(['deleted_at', 'dataset_id'])
        .executeTakeFirst();
      if (!row?.deleted_at) throw notFound('mask', id);
      await scheduleObjectDeletions(trx, { datasetId: row.dataset_id, maskIds: [id] }, objectsDelaySeconds);
      return row.deleted_at;
    });
  }

  /** Every live image of a dataset with its current ground truth, for versions and export. */
  async contentOf(datasetId: string) {
    return this.db
      .selectFrom('images')
      .leftJoin('masks', (join) =>
        join.onRef('masks.image_id', '=', 'images.id').on('masks.source', '=', 'ground_truth').on('masks.deleted_at', 'is', null),
      )
      .select([
        'images.id as imageId',
        'images.name',
        'images.sha256',
        'images.bucket',
        'images.normalised_key',
        'images.normalised_sha256',
        'masks.sha256 as mask_sha256',
        'masks.index_key as mask_key',
        'masks.index_sha256 as mask_index_sha256',
      ])
      .where('images.dataset_id', '=', datasetId)
      .where('images.deleted_at', 'is', null)
      .orderBy('images.name')
      .execute();
  }

  private uniqueConflict(error: unknown, values: { name?: string; lims_id?: string | null }): MicroSegError {
    const mapped = mapDbError(error);
    const constraint = mapped.details['constraint'];
    if (constraint === 'images_group_lims_id') {
      return new MicroSegError('CONFLICT', `LIMS sample id "${values.lims_id}" already names another image of your group`, {
        details: { limsId: values.lims_id },
      });
    }
    if (constraint === 'images_dataset_name') {
      return new MicroSegError('CONFLICT', `the dataset already has an image named "${values.name}"`, { details: { name: values.name } });
    }
    return mapped;
  }
}

async function completeUpload(trx: Transaction<DatasetDatabase>, uploadId: string, resultId: string): Promise<void> {
  await trx.updateTable('uploads').set({ status: 'completed', result_id: resultId, completed_at: new Date() }).where('id', '=', uploadId).execute();
}

/**
 * Records a mask and its `mask.created` event inside the caller's transaction; it replaces the
 * image's current mask of the same source (and model version).
 */
async function insertMaskIn(
  trx: Transaction<DatasetDatabase>,
  values: Insertable<MasksTable>,
  memberId: string,
  image: Pick<Image, 'width' | 'height' | 'pixelSize' | 'pixelSizeSource'>,
): Promise<Mask> {
  await trx
    .updateTable('masks')
    .set({ deleted_at: new Date(), deleted_by: memberId })
    .where('image_id', '=', values.image_id)
    .where('source', '=', values.source)
    .where(sql<boolean>`coalesce(model_version_id, '') = ${values.model_version_id ?? ''}`)
    .where('deleted_at', 'is', null)
    .execute();
  const row = await trx.insertInto('masks').values(values).returningAll().executeTakeFirstOrThrow();
  const mask = toMask(row);
  await enqueueOutbox(trx, datasetEvents.maskCreated, {
    maskId: mask.id,
    imageId: mask.imageId,
    datasetId: mask.datasetId,
    groupId: row.group_id,
    source: mask.source,
    modelVersionId: mask.modelVersionId,
    index: mask.index,
    width: image.width,
    height: image.height,
    pixelSize: image.pixelSize,
    pixelSizeSource: image.pixelSize ? image.pixelSizeSource : null,
    createdAt: mask.createdAt,
  });
  await completeUpload(trx, values.upload_id, row.id);
  return mask;
}

/** The image already has another LIMS id: both are named, and neither is dropped. */
export function limsIdConflict(imageId: string, limsId: string | null, requestedLimsId: string): MicroSegError {
  return new MicroSegError(
    'CONFLICT',
    `the dataset already holds these bytes as image ${imageId} with LIMS id "${limsId}": it cannot also be "${requestedLimsId}"`,
    { details: { imageId, limsId, requestedLimsId } },
  );
}
