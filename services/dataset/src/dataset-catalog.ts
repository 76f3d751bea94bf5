import { type Dataset, type DatasetVersion, type DatasetVersionContent, type Principal, type ShareTargetCheck, type Visibility, requireRole } from '@microseg/contracts';
import { invalidInput, notFound } from '@microseg/errors';
import { type ClassDefinition, type PixelSize, datasetContentHash, validateClassSchema } from '@microseg/micrograph';
import type { DatasetAccess } from './dataset-access.ts';
import type { DatasetChanges, DatasetRepository } from './dataset.repository.ts';
import type { ExperimentInput, ExperimentRepository } from './experiment.repository.ts';
import type { ImageRepository } from './image.repository.ts';
import type { VersionRepository } from './version.repository.ts';

export interface DatasetInput {
  name: string;
  material: string;
  description: string;
  classes: ClassDefinition[];
  defaultPixelSize?: PixelSize | undefined;
  visibility?: Visibility | undefined;
}

/** Datasets, their experiments (splits) and their immutable versions. */
export class DatasetCatalog {
  constructor(
    private readonly deps: {
      access: DatasetAccess;
      datasets: DatasetRepository;
      experiments: ExperimentRepository;
      images: ImageRepository;
      versions: VersionRepository;
      shareTargets: ShareTargetCheck;
      /** How long a deleted dataset's objects stay in the store. */
      deletedObjectsDelaySeconds: number;
    },
  ) {}

  async create(principal: Principal, input: DatasetInput): Promise<Dataset> {
    requireRole(principal, 'member');
    if (input.visibility) await this.deps.shareTargets(principal, input.visibility);
    return this.deps.datasets.create({
      groupId: principal.groupId,
      name: input.name,
      material: input.material,
      description: input.description,
      classes: validateClassSchema(input.classes),
      defaultPixelSize: input.defaultPixelSize,
      visibility: input.visibility ?? { level: 'private', sharedWith: [] },
    });
  }

  async get(principal: Principal, id: string): Promise<Dataset> {
    return (await this.deps.access.readable(principal, id)).dataset;
  }

  async update(principal: Principal, id: string, changes: DatasetChanges): Promise<Dataset> {
    await this.deps.access.writable(principal, id);
    if (changes.visibility) await this.deps.shareTargets(principal, changes.visibility);
    await this.deps.datasets.update(id, changes);
    return this.get(principal, id);
  }

  async delete(principal: Principal, id: string) {
    await this.deps.access.writable(principal, id);
    return { id, deletedAt: (await this.deps.datasets.softDelete(id, principal.memberId, this.deps.deletedObjectsDelaySeconds)).toISOString() };
  }

  async setExperiment(principal: Principal, input: ExperimentInput) {
    await this.deps.access.writable(principal, input.datasetId);
    const ids = [...input.train, ...input.val, ...input.test];
    if (new Set(ids).size !== ids.length) {
      throw invalidInput(`experiment ${input.name}: an image is assigned to more than one subset`, { problem: 'overlapping-split' });
    }
    const found = await this.deps.images.findMany(ids);
    const inDataset = new Set(found.filter((i) => i.datasetId === input.datasetId).map((i) => i.id));
    const missing = ids.filter((id) => !inDataset.has(id));
    if (missing.length > 0) {
      throw invalidInput(`experiment ${input.name}: ${missing.length} image(s) are not in this dataset`, {
        problem: 'unknown-images',
        imageIds: missing.slice(0, 20),
      });
    }
    return this.deps.experiments.set(input);
  }

  async listExperiments(principal: Principal, datasetId: string) {
    await this.deps.access.readable(principal, datasetId);
    return this.deps.experiments.list(datasetId);
  }

  async deleteExperiment(principal: Principal, datasetId: string, name: string) {
    await this.deps.access.writable(principal, datasetId);
    const { id, deletedAt } = await this.deps.experiments.softDelete(datasetId, name, principal.memberId);
    return { id, deletedAt: deletedAt.toISOString() };
  }

  /**
   * Freezes the dataset as it is now. When nothing changed since the last version, that version
   * is the answer: a version is identified by its content.
   */
  async createVersion(principal: Principal, datasetId: string, note: string | undefined): Promise<DatasetVersion> {
    const { dataset } = await this.deps.access.writable(principal, datasetId);
    const [rows, experiments] = await Promise.all([this.deps.images.contentOf(datasetId), this.deps.experiments.list(datasetId)]);
    const shaOf = new Map(rows.map((r) => [r.imageId, r.sha256]));
    const toShas = (ids: readonly string[]) => ids.map((id) => shaOf.get(id) ?? id);
    const contentHash = datasetContentHash({
      classes: dataset.classes,
      images: rows.map((r) => ({ sha256: r.sha256, name: r.name })),
      masks: rows.filter((r) => r.mask_sha256 !== null).map((r) => ({ imageSha256: r.sha256, sha256: r.mask_sha256 ?? '', source: 'ground_truth' })),
      experiments: experiments.map((e) => ({ name: e.name, train: toShas(e.train), val: toShas(e.val), test: toShas(e.test) })),
    });
    return this.deps.versions.insertUnlessLatest({
      datasetId,
      contentHash,
      content: {
        classes: dataset.classes,
        images: rows.map((r) => ({
          imageId: r.imageId,
          name: r.name,
          normalised: { bucket: r.bucket, key: r.normalised_key, sha256: r.normalised_sha256 },
          mask: r.mask_key && r.mask_index_sha256 ? { bucket: r.bucket, key: r.mask_key, sha256: r.mask_index_sha256 } : null,
        })),
        experiments: experiments.map(({ name, train, val, test }) => ({ name, train, val, test })),
      },
      imageCount: rows.length,
      maskCount: rows.filter((r) => r.mask_sha256 !== null).length,
      experiments: experiments.map((e) => e.name),
      note: note ?? null,
      createdBy: principal.memberId,
    });
  }

  async listVersions(principal: Principal, datasetId: string) {
    await this.deps.access.readable(principal, datasetId);
    return this.deps.versions.list(datasetId);
  }

  async versionContent(principal: Principal, id: string): Promise<DatasetVersionContent> {
    const found = await this.deps.versions.find(id);
    if (!found) throw notFound('dataset version', id);
    await this.deps.access.readable(principal, found.version.datasetId).catch(() => {
      throw notFound('dataset version', id);
    });
    return { ...(found.content as Omit<DatasetVersionContent, 'version'>), version: found.version };
  }
}
