import { type Visibility, trainingEvents } from '@microseg/contracts';
import type { Insertable, Kysely, Selectable } from '@microseg/db';
import { enqueueOutbox } from '@microseg/messaging';
import type { NewVersion, RegistryRepository, VersionRow } from './registry.repository.ts';
import type { ClassRow, PackageUploadsTable, TrainingDatabase } from './training.tables.ts';

export type PackageUploadRow = Selectable<PackageUploadsTable>;

/** Uploaded bioimage.io packages and their registration as versions: the only code touching package_uploads. */
export class PackageUploadsRepository {
  constructor(
    private readonly db: Kysely<TrainingDatabase>,
    private readonly registry: RegistryRepository,
  ) {}

  async create(values: Insertable<PackageUploadsTable>): Promise<PackageUploadRow> {
    return this.db.insertInto('package_uploads').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async find(id: string): Promise<PackageUploadRow | undefined> {
    return this.db.selectFrom('package_uploads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Registers an imported package as the next version of its model, marks the upload used and
   * announces the version, in one transaction; an upload already registered returns its version.
   */
  async register(
    uploadId: string,
    model: { groupId: string; name: string; classes: ClassRow[]; material: string },
    version: Omit<NewVersion, 'modelId'>,
    visibility: Visibility,
  ): Promise<VersionRow> {
    return this.db.transaction().execute(async (trx) => {
      const upload = await trx.selectFrom('package_uploads').select('version_id').where('id', '=', uploadId).forUpdate().executeTakeFirstOrThrow();
      if (upload.version_id) return trx.selectFrom('model_versions').selectAll().where('id', '=', upload.version_id).executeTakeFirstOrThrow();
      const row = await this.registry.ensureModel(trx, model);
      const inserted = await this.registry.insertVersion(trx, { ...version, modelId: row.id });
      const shared = visibility.level === 'shared' ? visibility.sharedWith : [];
      await trx.updateTable('model_versions').set({ visibility_level: visibility.level, shared_with: JSON.stringify(shared) }).where('id', '=', inserted.id).execute();
      await trx.updateTable('package_uploads').set({ version_id: inserted.id }).where('id', '=', uploadId).execute();
      await enqueueOutbox(trx, trainingEvents.versionRegistered, { versionId: inserted.id, modelId: row.id, groupId: model.groupId, jobId: null, at: new Date().toISOString() });
      return inserted;
    });
  }
}
