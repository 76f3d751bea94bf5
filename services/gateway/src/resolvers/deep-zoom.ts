import { type DeepZoomLayoutView, type Image, type Mask, deepZoomContracts as c } from '@microseg/contracts';
import type { Resolvers } from '../generated/resolvers-types.ts';

/** A pyramid's layout and which pyramid it is, so its tiles can be asked for. */
export interface DeepZoomModel extends DeepZoomLayoutView {
  imageId: string;
  maskId?: string;
}

// A large image's first ask makes its pyramid: longer than a plain query.
const MAKE_TIMEOUT_MS = 120_000;

export const deepZoomResolvers: Resolvers = {
  Image: {
    deepZoom: async (image: Image, _args, context) => ({
      ...(await context.services.call(c.describe, { imageId: image.id }, { timeoutMs: MAKE_TIMEOUT_MS })),
      imageId: image.id,
    }),
  },
  Mask: {
    deepZoom: async (mask: Mask, _args, context) => ({
      ...(await context.services.call(c.describe, { imageId: mask.imageId, maskId: mask.id }, { timeoutMs: MAKE_TIMEOUT_MS })),
      imageId: mask.imageId,
      maskId: mask.id,
    }),
  },
  DeepZoom: {
    tiles: async (pyramid: DeepZoomModel, { level, column, row, columns, rows }, context) => {
      const { tiles } = await context.services.call(c.tiles, {
        imageId: pyramid.imageId,
        ...(pyramid.maskId ? { maskId: pyramid.maskId } : {}),
        level,
        column,
        row,
        columns: columns ?? 8,
        rows: rows ?? 8,
      });
      return tiles;
    },
  },
};
