import { defineRequest } from '@microseg/messaging';
import { z } from 'zod';

const id = z.string().uuid();

/** Tiles per side of one block of presigned URLs: 8x8 covers a 2048 px square of a level. */
export const DEEP_ZOOM_MAX_BLOCK = 16;

/** Which pyramid: the micrograph, or one of its masks in the dataset's class colours. */
const layerSchema = z.object({ imageId: id, maskId: id.optional() });

export const deepZoomLayoutSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  tileSize: z.number().int(),
  overlap: z.number().int(),
  format: z.enum(['jpeg', 'png']),
  /** The full-size level; level 0 is one pixel. */
  maxLevel: z.number().int(),
});
export type DeepZoomLayoutView = z.infer<typeof deepZoomLayoutSchema>;

export const deepZoomContracts = {
  /** The layout of a pyramid, made (once, and kept) on the first ask. */
  describe: defineRequest({
    subject: 'microseg.dataset.v1.deep-zoom.describe',
    request: layerSchema,
    response: deepZoomLayoutSchema,
  }),
  /** Presigned GET URLs of a block of tiles of one level (the part of the grid that exists). */
  tiles: defineRequest({
    subject: 'microseg.dataset.v1.deep-zoom.tiles',
    request: layerSchema.extend({
      level: z.number().int().min(0).max(40),
      column: z.number().int().min(0),
      row: z.number().int().min(0),
      columns: z.number().int().min(1).max(DEEP_ZOOM_MAX_BLOCK).default(8),
      rows: z.number().int().min(1).max(DEEP_ZOOM_MAX_BLOCK).default(8),
    }),
    response: z.object({
      tiles: z.array(z.object({ column: z.number().int(), row: z.number().int(), url: z.string() })),
      expiresAt: z.string(),
    }),
  }),
};
