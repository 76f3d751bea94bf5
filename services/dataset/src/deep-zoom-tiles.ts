import { createHash } from 'node:crypto';
import { buffer as readAll } from 'node:stream/consumers';
import type { Dataset, DeepZoomLayoutView, Image, Mask, Principal } from '@microseg/contracts';
import { isMicroSegError, notFound } from '@microseg/errors';
import { DEEP_ZOOM_OVERLAP, DEEP_ZOOM_TILE_SIZE, type DecodeBudget, type DeepZoomLayout, type DeepZoomTile, classColourDeepZoom, decodeMemoryBytes, deepZoomLevel, deepZoomTileName, micrographDeepZoom } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import pLimit, { type LimitFunction } from 'p-limit';
import type { DatasetAccess } from './dataset-access.ts';
import type { DatasetRepository } from './dataset.repository.ts';
import type { ImageCatalog } from './image-catalog.ts';
import type { ImageRepository } from './image.repository.ts';
import { objectKeys } from './object-keys.ts';

/** Where a pyramid lives, and how to make it when it is not there yet. */
interface Pyramid {
  bucket: string;
  prefix: string;
  /** What making it holds at once (decoded samples and the tiles it returns), charged to the decode budget. */
  memoryBytes: number;
  make(): Promise<{ layout: DeepZoomLayout; tiles: DeepZoomTile[] }>;
}

const MANIFEST = 'pyramid.json';
/** A few hundred bytes each: the pyramids people have looked at lately. */
const KEPT_LAYOUTS = 5_000;

/**
 * Deep Zoom pyramids of micrographs and of their masks (in the dataset's class colours), made
 * when they are stored (`prepare`, from their events) or else on the first ask, and kept in the
 * image's folder of the bucket (deleted with the image). The folder is named by what the tiles
 * are made of (the normalised image's sha256; the mask's and the colours'), so an edit never
 * shows stale tiles. Making is idempotent: tiles are written first, the manifest last, and
 * a pyramid counts as made only once its manifest is there; two replicas that race on a first
 * ask write the same bytes to the same keys. Within a replica, concurrent asks share one making.
 */
export class DeepZoomTiles {
  private readonly making = new Map<string, Promise<DeepZoomLayout>>();
  /** Layouts of made pyramids, so a block of tile URLs costs no read of the manifest from the store. */
  private readonly layouts = new Map<string, DeepZoomLayout>();
  private readonly uploads: LimitFunction = pLimit(16);

  constructor(
    private readonly deps: {
      access: DatasetAccess;
      datasets: DatasetRepository;
      catalog: ImageCatalog;
      images: ImageRepository;
      store: ObjectStore;
      /** The service's bound on concurrent decodes, shared with ingest. */
      slots: LimitFunction;
      /** The memory the decodes of this process may hold together, shared with ingest. */
      budget: DecodeBudget;
      maxPixels: number;
      urlSeconds: number;
    },
  ) {}

  async describe(principal: Principal, layer: { imageId: string; maskId?: string | undefined }): Promise<DeepZoomLayoutView> {
    return this.ensure(await this.pyramidOf(principal, layer));
  }

  async tileUrls(
    principal: Principal,
    request: { imageId: string; maskId?: string | undefined; level: number; column: number; row: number; columns: number; rows: number },
  ) {
    const pyramid = await this.pyramidOf(principal, request);
    const layout = await this.ensure(pyramid);
    const grid = deepZoomLevel(layout, request.level);
    const tiles: { column: number; row: number; key: string }[] = [];
    for (let row = request.row; row < Math.min(grid.rows, request.row + request.rows); row++) {
      for (let column = request.column; column < Math.min(grid.columns, request.column + request.columns); column++) {
        tiles.push({ column, row, key: `${pyramid.prefix}${deepZoomTileName(layout, { level: request.level, column, row })}` });
      }
    }
    const expiresAt = new Date(Date.now() + this.deps.urlSeconds * 1_000).toISOString();
    return {
      expiresAt,
      tiles: await Promise.all(
        tiles.map(async ({ column, row, key }) => ({ column, row, url: await this.deps.store.presignedGet(pyramid.bucket, key, { expirySeconds: this.deps.urlSeconds }) })),
      ),
    };
  }

  /**
   * Makes the pyramid of a new image or mask before anybody opens it (asked by the events of
   * both, without a caller), so the first look finds its tiles. Answers false when the image,
   * the mask or the dataset is gone meanwhile: nothing to show, nothing to make.
   */
  async prepare(layer: { imageId: string; maskId?: string | undefined }): Promise<boolean> {
    const image = await this.deps.images.find(layer.imageId);
    if (!image) return false;
    if (!layer.maskId) {
      await this.ensure(this.imagePyramid(image));
      return true;
    }
    const mask = await this.deps.images.findMask(layer.maskId);
    const found = await this.deps.datasets.find(image.datasetId);
    if (!mask || mask.imageId !== image.id || !found) return false;
    await this.ensure(this.maskPyramid(image, mask, found.dataset));
    return true;
  }

  /** The caller must read the image (and the mask must be one of it): otherwise neither exists for them. */
  private async pyramidOf(principal: Principal, layer: { imageId: string; maskId?: string | undefined }): Promise<Pyramid> {
    const image = await this.deps.catalog.get(principal, layer.imageId);
    if (!layer.maskId) return this.imagePyramid(image);
    const mask = await this.deps.images.findMask(layer.maskId);
    if (!mask || mask.imageId !== image.id) throw notFound('mask', layer.maskId);
    const { dataset } = await this.deps.access.readable(principal, image.datasetId);
    return this.maskPyramid(image, mask, dataset);
  }

  /** The tiling settings name the folder too: pyramids made with other settings are never mixed in. */
  private folderOf(image: Image): string {
    return `${objectKeys.deepZoomFolder(image.normalised.key)}${DEEP_ZOOM_TILE_SIZE}-${DEEP_ZOOM_OVERLAP}/`;
  }

  private imagePyramid(image: Image): Pyramid {
    const { store, maxPixels } = this.deps;
    return {
      bucket: image.normalised.bucket,
      prefix: `${this.folderOf(image)}image-${image.normalised.sha256.slice(0, 16)}/`,
      // Its tiles, kept until they are stored, are below the decoded samples' size.
      memoryBytes: decodeMemoryBytes({ width: image.width, height: image.height, channels: image.channels === 1 ? 1 : 3, bitDepth: image.bitDepth === 8 ? 8 : 16 }, 'reencoded'),
      make: async () => micrographDeepZoom(await readAll(await store.getObject(image.normalised.bucket, image.normalised.key)), { maxPixels }),
    };
  }

  private maskPyramid(image: Image, mask: Mask, dataset: Pick<Dataset, 'classes'>): Pyramid {
    const { store, maxPixels } = this.deps;
    const colours = dataset.classes.map((c) => ({ index: c.index, color: c.color.toLowerCase() })).sort((a, b) => a.index - b.index);
    const colourHash = createHash('sha256').update(JSON.stringify(colours)).digest('hex').slice(0, 12);
    return {
      bucket: image.normalised.bucket,
      prefix: `${this.folderOf(image)}mask-${mask.index.sha256.slice(0, 16)}-${colourHash}/`,
      // The class indices decoded whole, and their colours (three bytes a pixel).
      memoryBytes: decodeMemoryBytes({ width: image.width, height: image.height, channels: 1, bitDepth: 8 }, 'whole') + image.width * image.height * 3,
      make: async () => classColourDeepZoom(await readAll(await store.getObject(mask.index.bucket, mask.index.key)), colours, { maxPixels }),
    };
  }

  private ensure(pyramid: Pyramid): Promise<DeepZoomLayout> {
    const key = `${pyramid.bucket}/${pyramid.prefix}`;
    const known = this.layouts.get(key);
    if (known) return Promise.resolve(known);
    let making = this.making.get(key);
    if (!making) {
      making = this.readOrMake(pyramid)
        .then((layout) => this.remember(key, layout))
        .finally(() => this.making.delete(key));
      this.making.set(key, making);
    }
    return making;
  }

  /** A made pyramid never changes (its folder is named by its content): its layout is kept, the oldest forgotten first. */
  private remember(key: string, layout: DeepZoomLayout): DeepZoomLayout {
    this.layouts.set(key, layout);
    if (this.layouts.size > KEPT_LAYOUTS) this.layouts.delete(this.layouts.keys().next().value ?? key);
    return layout;
  }

  private async readOrMake(pyramid: Pyramid): Promise<DeepZoomLayout> {
    const { store, slots, budget } = this.deps;
    try {
      return JSON.parse((await readAll(await store.getObject(pyramid.bucket, `${pyramid.prefix}${MANIFEST}`))).toString('utf8')) as DeepZoomLayout;
    } catch (error) {
      if (!isMicroSegError(error) || error.code !== 'NOT_FOUND') throw error;
    }
    const { layout, tiles } = await slots(() => budget.run(pyramid.memoryBytes, () => pyramid.make()));
    await Promise.all(
      tiles.map((tile) =>
        this.uploads(() =>
          store.putObject(pyramid.bucket, `${pyramid.prefix}${deepZoomTileName(layout, tile)}`, tile.bytes, {
            contentType: layout.format === 'jpeg' ? 'image/jpeg' : 'image/png',
          }),
        ),
      ),
    );
    await store.putObject(pyramid.bucket, `${pyramid.prefix}${MANIFEST}`, Buffer.from(JSON.stringify(layout)), { contentType: 'application/json' });
    return layout;
  }
}
