export { DEFAULT_MAX_PIXELS, type DecoderOptions, configureDecoder } from './decoder-limits.ts';
export { DecodeBudget, DecodeWork, decodeMemoryBytes } from './decode-budget.ts';
export { ImageFormat, sniffFormat } from './image-format.ts';
export {
  type BitDepth,
  type Channels,
  type DecodedImage,
  type ImageInfo,
  colourspaceFor,
  decodeImage,
  inspectImage,
} from './decode-image.ts';
export { THUMBNAIL_MAX_SIDE, encodeNormalisedPng, renderThumbnail } from './derived-images.ts';
export {
  LengthUnit,
  type PixelSize,
  assertPixelSize,
  formatPixelSize,
  parsePixelSize,
  pixelSizeFromDensity,
  toNanometres,
} from './pixel-size.ts';
export { type PixelSizeOrigin, readSemPixelSize } from './sem-metadata.ts';
export {
  type ClassDefinition,
  colourToHex,
  defaultClassColour,
  validateClassSchema,
} from './class-schema.ts';
export { MaskKind, type MaskExpectation, type ValidatedMask, encodeIndexPng, validateMask } from './mask-validation.ts';
export { type DatasetSnapshot, datasetContentHash } from './content-hash.ts';
export { assertPngChunksIntact } from './png-integrity.ts';
export {
  DEEP_ZOOM_OVERLAP,
  DEEP_ZOOM_TILE_SIZE,
  type ClassColour,
  type DeepZoomFormat,
  type DeepZoomLayout,
  type DeepZoomTile,
  classColourDeepZoom,
  deepZoomLayout,
  deepZoomLevel,
  deepZoomTileName,
  micrographDeepZoom,
} from './deep-zoom.ts';
