import type { Image, Mask, Principal } from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import type { ObjectStore } from '@microseg/storage';
import type { DatasetAccess } from './dataset-access.ts';
import type { ImageChanges, ImageFilter, ImageRepository } from './image.repository.ts';

/** Reads, edits and soft deletes of images and masks, each checked against its dataset's access. */
export class ImageCatalog {
  constructor(
    private readonly deps: {
      access: DatasetAccess;
      images: ImageRepository;
      store: ObjectStore;
      /** How long download links live (at most 15 minutes, the longest the storage lib signs). */
      downloadUrlSeconds: number;
      /** How long a deleted image's or mask's objects stay: its links die when they go. */
      deletedObjectsDelaySeconds: number;
    },
  ) {}

  async get(principal: Principal, id: string): Promise<Image> {
    const image = await this.deps.images.find(id);
    if (!image) throw notFound('image', id);
    await this.deps.access.readable(principal, image.datasetId).catch(() => {
      throw notFound('image', id);
    });
    return image;
  }

  /** The readable ones among `ids`; unknown and unreadable ids are simply absent. */
  async getMany(principal: Principal, ids: readonly string[]): Promise<Image[]> {
    const images = await this.deps.images.findMany(ids);
    const readable = await this.readableDatasets(principal, images.map((i) => i.datasetId));
    return images.filter((image) => readable.has(image.datasetId));
  }

  async findByLimsId(principal: Principal, limsId: string): Promise<Image> {
    const image = await this.deps.images.findByLimsId(principal.groupId, limsId);
    if (!image) throw notFound('image with LIMS id', limsId);
    return image;
  }

  async list(principal: Principal, datasetId: string, page: { first: number; after?: string | undefined }, filter: ImageFilter) {
    await this.deps.access.readable(principal, datasetId);
    return this.deps.images.list(datasetId, page, filter);
  }

  async update(principal: Principal, id: string, changes: ImageChanges): Promise<Image> {
    const image = await this.get(principal, id);
    await this.deps.access.writable(principal, image.datasetId);
    await this.deps.images.update(id, changes);
    return this.get(principal, id);
  }

  async delete(principal: Principal, id: string) {
    const image = await this.get(principal, id);
    await this.deps.access.writable(principal, image.datasetId);
    return { id, deletedAt: (await this.deps.images.softDelete(id, principal.memberId, this.deps.deletedObjectsDelaySeconds)).toISOString() };
  }

  async masksOf(principal: Principal, imageIds: readonly string[]): Promise<Mask[]> {
    const readable = new Set((await this.getMany(principal, imageIds)).map((i) => i.id));
    return this.deps.images.masksOfImages([...readable]);
  }

  async deleteMask(principal: Principal, id: string) {
    const mask = await this.deps.images.findMask(id);
    if (!mask) throw notFound('mask', id);
    await this.deps.access.writable(principal, mask.datasetId).catch(() => {
      throw notFound('mask', id);
    });
    return { id, deletedAt: (await this.deps.images.softDeleteMask(id, principal.memberId, this.deps.deletedObjectsDelaySeconds)).toISOString() };
  }

  async downloadUrls(principal: Principal, imageIds: readonly string[], maskIds: readonly string[]) {
    const { store, downloadUrlSeconds } = this.deps;
    const sign = (ref: { bucket: string; key: string }) => store.presignedGet(ref.bucket, ref.key, { expirySeconds: downloadUrlSeconds });
    const expiresAt = new Date(Date.now() + downloadUrlSeconds * 1_000).toISOString();
    const images = await this.getMany(principal, imageIds);
    const masks = await this.deps.images.findMasks(maskIds);
    const readableMasks = await this.readableDatasets(principal, masks.map((m) => m.datasetId));
    return {
      expiresAt,
      images: await Promise.all(
        images.map(async (image) => ({
          imageId: image.id,
          original: await sign(image.original),
          normalised: await sign(image.normalised),
          thumbnail: await sign(image.thumbnail),
        })),
      ),
      masks: await Promise.all(
        masks
          .filter((m) => readableMasks.has(m.datasetId))
          .map(async (mask) => ({ maskId: mask.id, original: await sign(mask.original), index: await sign(mask.index) })),
      ),
    };
  }

  private async readableDatasets(principal: Principal, datasetIds: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(datasetIds)];
    const results = await Promise.all(
      unique.map((id) =>
        this.deps.access.readable(principal, id).then(
          () => id,
          () => undefined,
        ),
      ),
    );
    return new Set(results.filter((id): id is string => id !== undefined));
  }
}
