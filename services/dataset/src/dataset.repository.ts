import { type Dataset, type PageRequest, type Principal, type Visibility, decodePositionCursor, encodePositionCursor } from '@microseg/contracts';
import { type Kysely, type Selectable, mapDbError, sql } from '@microseg/db';
import { MicroSegError, notFound } from '@microseg/errors';
import type { ClassDefinition, PixelSize } from '@microseg/micrograph';
import type { DatasetDatabase, DatasetsTable } from './dataset.tables.ts';
import { microsecondCursor } from './image.repository.ts';
import { scheduleObjectDeletions } from './object-deletions.ts';
import { toDataset } from './row-mapping.ts';

export type DatasetRow = Selectable<DatasetsTable>;

export interface NewDataset {
  groupId: string;
  name: string;
  material: string;
  description: string;
  classes: ClassDefinition[];
  defaultPixelSize: PixelSize | undefined;
  visibility: Visibility;
}

export interface DatasetChanges {
  name?: string;
  material?: string;
  description?: string;
  defaultPixelSize?: PixelSize | null;
  visibility?: Visibility;
}

const imageCount = sql<string>`(select count(*) from images i where i.dataset_id = datasets.id and i.deleted_at is null)`.as('image_count');

/** Datasets: the only code touching the datasets table. */
export class DatasetRepository {
  constructor(private readonly db: Kysely<DatasetDatabase>) {}

  async create(input: NewDataset): Promise<Dataset> {
    try {
      const row = await this.db
        .insertInto('datasets')
        .values({
          group_id: input.groupId,
          name: input.name,
          material: input.material,
          description: input.description,
          classes: JSON.stringify(input.classes),
          default_pixel_size_value: input.defaultPixelSize?.value ?? null,
          default_pixel_size_unit: input.defaultPixelSize?.unit ?? null,
          visibility_level: input.visibility.level,
          shared_with: JSON.stringify(input.visibility.sharedWith),
          deleted_at: null,
          deleted_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDataset(row, 0);
    } catch (error) {
      throw this.nameConflict(error, input.name);
    }
  }

  /** A live dataset by id, whoever owns it; access is decided by the caller. */
  async find(id: string): Promise<{ row: DatasetRow; dataset: Dataset } | undefined> {
    const found = await this.db
      .selectFrom('datasets')
      .selectAll()
      .select(imageCount)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!found) return undefined;
    const { image_count, ...row } = found;
    return { row, dataset: toDataset(row, Number(image_count)) };
  }

  /** Datasets the caller may read: its group's, public ones, and those shared with its group. */
  async listReadable(
    principal: Principal,
    page: PageRequest & { material?: string | undefined; nameContains?: string | undefined; ownedOnly: boolean },
  ) {
    let query = this.db
      .selectFrom('datasets')
      .selectAll()
      .select([imageCount, microsecondCursor('created_at').as('cursor_at')])
      .where('deleted_at', 'is', null)
      .where((eb) =>
        page.ownedOnly
          ? eb('group_id', '=', principal.groupId)
          : eb.or([
              eb('group_id', '=', principal.groupId),
              eb('visibility_level', '=', 'public'),
              eb.and([eb('visibility_level', '=', 'shared'), sql<boolean>`shared_with @> ${JSON.stringify([principal.groupId])}::jsonb`]),
            ]),
      );
    if (page.material) query = query.where('material', '=', page.material);
    if (page.nameContains) query = query.where('name', 'ilike', `%${page.nameContains.replace(/[\\%_]/g, '\\$&')}%`);
    if (page.after) {
      const { at: createdAt, id } = decodePositionCursor(page.after);
      query = query.where(sql<boolean>`(created_at, id) > (${createdAt}::timestamptz, ${id}::uuid)`);
    }
    const rows = await query.orderBy('created_at').orderBy('id').limit(page.first + 1).execute();
    const pageRows = rows.slice(0, page.first);
    const last = pageRows.at(-1);
    return {
      nodes: pageRows.map(({ image_count, cursor_at: _, ...row }) => toDataset(row, Number(image_count))),
      hasNextPage: rows.length > page.first,
      endCursor: last ? encodePositionCursor(last.cursor_at, last.id) : null,
    };
  }

  async update(id: string, changes: DatasetChanges): Promise<void> {
    try {
      await this.db
        .updateTable('datasets')
        .set({
          updated_at: new Date(),
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.material !== undefined ? { material: changes.material } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.defaultPixelSize !== undefined
            ? { default_pixel_size_value: changes.defaultPixelSize?.value ?? null, default_pixel_size_unit: changes.defaultPixelSize?.unit ?? null }
            : {}),
          ...(changes.visibility !== undefined
            ? { visibility_level: changes.visibility.level, shared_with: JSON.stringify(changes.visibility.sharedWith) }
            : {}),
        })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .execute();
    } catch (error) {
      throw this.nameConflict(error, changes.name ?? '');
    }
  }

  /** Soft-deletes a dataset and schedules its objects (those its versions hold excepted) for removal. */
  async softDelete(id: string, memberId: string, objectsDelaySeconds: number): Promise<Date> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('datasets')
        .set({ deleted_at: new Date(), deleted_by: memberId })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returning('deleted_at')
        .executeTakeFirst();
      if (!row?.deleted_at) throw notFound('dataset', id);
      await scheduleObjectDeletions(trx, { datasetId: id }, objectsDelaySeconds);
      return row.deleted_at;
    });
  }

  private nameConflict(error: unknown, name: string): MicroSegError {
    const mapped = mapDbError(error);
    if (mapped.code === 'CONFLICT') {
      return new MicroSegError('CONFLICT', `your group already has a dataset named "${name}"`, { details: { name } });
    }
    return mapped;
  }
}
