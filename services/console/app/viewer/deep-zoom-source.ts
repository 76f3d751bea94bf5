import type { Client } from '@urql/core';
import type OpenSeadragon from 'openseadragon';
import { graphql } from '../generated/index.ts';

/** Tiles per side of one block of URLs asked for at once (the gateway allows up to 16). */
const BLOCK = 8;
/** Presigned URLs live 15 minutes; a block older than this is asked for again. */
const URL_LIFETIME_MS = 10 * 60 * 1_000;

const ImageTilesQuery = graphql(`
  query ImageTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {
    image(id: $imageId) {
      id
      deepZoom {
        tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {
          column
          row
          url
        }
      }
    }
  }
`);

const MaskTilesQuery = graphql(`
  query MaskTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {
    image(id: $imageId) {
      id
      masks {
        id
        deepZoom {
          tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {
            column
            row
            url
          }
        }
      }
    }
  }
`);

export interface DeepZoomPyramid {
  width: number;
  height: number;
  tileSize: number;
  overlap: number;
  format: string;
  maxLevel: number;
}

export interface PyramidRef {
  imageId: string;
  /** A mask's pyramid in class colours; the micrograph's without. */
  maskId?: string;
}

type Tiles = readonly { column: number; row: number; url: string }[];

/**
 * An OpenSeadragon tile source over a pyramid whose tiles are private objects: each tile's URL is
 * presigned, and asked for a block of 8x8 tiles at a time through GraphQL (so the gateway checks
 * the caller's group), then the tile is loaded as a plain image from the object store.
 */
export function deepZoomTileSource(client: Client, ref: PyramidRef, pyramid: DeepZoomPyramid): object {
  const blocks = new Map<string, { at: number; urls: Promise<Map<string, string>> }>();
  const extension = pyramid.format === 'png' ? 'png' : 'jpeg';

  const blockUrls = (level: number, column: number, row: number): Promise<Map<string, string>> => {
    const start = { column: column - (column % BLOCK), row: row - (row % BLOCK) };
    const key = `${level}/${start.column}/${start.row}`;
    const cached = blocks.get(key);
    if (cached && Date.now() - cached.at < URL_LIFETIME_MS) return cached.urls;
    const urls = fetchBlock(level, start.column, start.row).then((tiles) => new Map(tiles.map((t) => [`${t.column}_${t.row}`, t.url])));
    // A failed ask is not kept: the next tile of the block asks again.
    urls.catch(() => blocks.delete(key));
    blocks.set(key, { at: Date.now(), urls });
    return urls;
  };

  const fetchBlock = async (level: number, column: number, row: number): Promise<Tiles> => {
    const variables = { imageId: ref.imageId, level, column, row };
    if (!ref.maskId) {
      const result = await client.query(ImageTilesQuery, variables, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) throw result.error;
      return result.data?.image?.deepZoom.tiles ?? [];
    }
    const result = await client.query(MaskTilesQuery, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) throw result.error;
    return result.data?.image?.masks.find((m) => m.id === ref.maskId)?.deepZoom.tiles ?? [];
  };

  return {
    width: pyramid.width,
    height: pyramid.height,
    tileSize: pyramid.tileSize,
    tileOverlap: pyramid.overlap,
    minLevel: 0,
    maxLevel: pyramid.maxLevel,
    // The cache key of a tile (and, by its extension, whether it has transparency): not a URL.
    getTileUrl: (level: number, x: number, y: number) => `${ref.maskId ?? ref.imageId}/${level}/${x}_${y}.${extension}`,
    downloadTileStart(job: OpenSeadragon.ImageJob) {
      const [, level, x, y] = /\/(\d+)\/(\d+)_(\d+)\./.exec(job.src)?.map(Number) ?? [];
      blockUrls(level ?? 0, x ?? 0, y ?? 0).then(
        (urls) => {
          const url = urls.get(`${x}_${y}`);
          if (!url) {
            job.fail(`no tile ${job.src}`, null);
            return;
          }
          const image = new Image();
          (job.userData as { image?: HTMLImageElement }).image = image;
          image.onload = () => job.finish(image, null, 'image');
          image.onerror = () => job.fail(`tile ${job.src} did not load`, null);
          image.src = url;
        },
        (error: unknown) => job.fail(`tile URLs of ${job.src}: ${String(error)}`, null),
      );
    },
    downloadTileAbort(job: OpenSeadragon.ImageJob) {
      const { image } = job.userData as { image?: HTMLImageElement };
      if (image) image.src = '';
    },
  };
}
