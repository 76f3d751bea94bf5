import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalidInput } from '@microseg/errors';
import sharp from 'sharp';
import { DEFAULT_MAX_PIXELS, type DecoderOptions } from './decoder-limits.ts';

/** 256 px tiles: OpenSeadragon's default, and few enough requests for a 4096 px image. */
export const DEEP_ZOOM_TILE_SIZE = 256;
/**
 * One pixel of each neighbour on every inner edge (the DZI convention). Without it OpenSeadragon's
 * canvas drawer stretches each tile by a pixel to hide seams, which shifts a mask's class
 * boundaries by a pixel across each tile.
 */
export const DEEP_ZOOM_OVERLAP = 1;

export type DeepZoomFormat = 'jpeg' | 'png';

/** A Deep Zoom (DZI) pyramid: level maxLevel is the image at full size, each level below half the one above, level 0 one pixel. */
export interface DeepZoomLayout {
  width: number;
  height: number;
  tileSize: number;
  overlap: number;
  format: DeepZoomFormat;
  maxLevel: number;
}

export interface DeepZoomTile {
  level: number;
  column: number;
  row: number;
  bytes: Buffer;
}

export function deepZoomLayout(width: number, height: number, format: DeepZoomFormat, tileSize = DEEP_ZOOM_TILE_SIZE): DeepZoomLayout {
  return { width, height, tileSize, overlap: DEEP_ZOOM_OVERLAP, format, maxLevel: Math.ceil(Math.log2(Math.max(width, height, 1))) };
}

/** The size of one level and its tile grid, as OpenSeadragon and libvips' dzsave both compute it. */
export function deepZoomLevel(layout: DeepZoomLayout, level: number): { width: number; height: number; columns: number; rows: number } {
  if (!Number.isInteger(level) || level < 0 || level > layout.maxLevel) {
    throw invalidInput(`deep zoom level ${level} does not exist: levels run from 0 to ${layout.maxLevel}`, { level, maxLevel: layout.maxLevel });
  }
  const scale = 2 ** (layout.maxLevel - level);
  const width = Math.ceil(layout.width / scale);
  const height = Math.ceil(layout.height / scale);
  return { width, height, columns: Math.ceil(width / layout.tileSize), rows: Math.ceil(height / layout.tileSize) };
}

export const deepZoomTileName = (layout: Pick<DeepZoomLayout, 'format'>, tile: { level: number; column: number; row: number }) =>
  `${tile.level}/${tile.column}_${tile.row}.${layout.format === 'jpeg' ? 'jpeg' : 'png'}`;

/**
 * Every tile of a micrograph's pyramid, 8-bit (16-bit samples are scaled down, as the browser
 * would) in JPEG: the micrograph is only looked at here, its lossless copy stays the normalised PNG.
 */
export function micrographDeepZoom(bytes: Uint8Array, options: DecoderOptions = {}): Promise<{ layout: DeepZoomLayout; tiles: DeepZoomTile[] }> {
  const image = sharp(bytes, { limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS }).toColourspace('srgb');
  return tilePyramid(image, 'jpeg');
}

export interface ClassColour {
  index: number;
  /** #rrggbb */
  color: string;
}

/** For an index the dataset does not name (the console's legend uses the same). */
const UNKNOWN_CLASS_COLOUR = '#ffff00';

/**
 * The pyramid of an 8-bit index mask painted in its classes' colours, class 0 transparent, so it
 * can be laid over the micrograph's pyramid as it is.
 */
export async function classColourDeepZoom(indexPng: Uint8Array, classes: readonly ClassColour[], options: DecoderOptions = {}): Promise<{ layout: DeepZoomLayout; tiles: DeepZoomTile[] }> {
  const { data, info } = await sharp(indexPng, { limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const table = new Uint32Array(256);
  const rgba = (hex: string, alpha: number) => {
    const value = Number.parseInt(hex.slice(1), 16);
    // Little-endian: the bytes of the 32-bit word land in memory as R, G, B, A.
    return ((alpha << 24) | ((value & 255) << 16) | (((value >> 8) & 255) << 8) | ((value >> 16) & 255)) >>> 0;
  };
  for (let index = 1; index < 256; index++) table[index] = rgba(UNKNOWN_CLASS_COLOUR, 255);
  for (const c of classes) if (c.index > 0 && c.index < 256) table[c.index] = rgba(c.color, 255);
  const painted = new Uint32Array(info.width * info.height);
  for (let i = 0; i < painted.length; i++) painted[i] = table[data[i] ?? 0] ?? 0;
  const image = sharp(Buffer.from(painted.buffer), { raw: { width: info.width, height: info.height, channels: 4 }, limitInputPixels: false });
  return tilePyramid(image, 'png');
}

/** libvips' dzsave writes the pyramid (all levels down to one pixel) into a scratch folder, read back here. */
async function tilePyramid(image: sharp.Sharp, format: DeepZoomFormat): Promise<{ layout: DeepZoomLayout; tiles: DeepZoomTile[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'microseg-dz-'));
  try {
    const encoded = format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png({ compressionLevel: 6 });
    const info = await encoded.tile({ size: DEEP_ZOOM_TILE_SIZE, overlap: DEEP_ZOOM_OVERLAP, layout: 'dz', depth: 'onepixel' }).toFile(join(dir, 'pyramid.dz'));
    const layout = deepZoomLayout(info.width, info.height, format);
    const tiles: DeepZoomTile[] = [];
    const extension = format === 'jpeg' ? 'jpeg' : 'png';
    for (let level = 0; level <= layout.maxLevel; level++) {
      const levelDir = join(dir, 'pyramid_files', String(level));
      for (const name of await readdir(levelDir)) {
        const match = new RegExp(`^(\\d+)_(\\d+)\\.${extension}$`).exec(name);
        if (!match) continue;
        tiles.push({ level, column: Number(match[1]), row: Number(match[2]), bytes: await readFile(join(levelDir, name)) });
      }
    }
    return { layout, tiles };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
