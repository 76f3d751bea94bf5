// The tiling, stitching, class conventions and out-of-distribution features without TensorFlow.js: what
// callers that run networks on ONNX Runtime (TensorRunner) import, so that tfjs (~70 MiB of resident
// memory) is loaded only by those that select it, through the package's main entry.
export { ClassRule, SixteenBitInput, pixelClass, probabilitiesToMask, unitScaler } from './inference/conventions.ts';
export {
  DEFAULT_PROBABILITY_BAND,
  type ProbabilityBand,
  assertProbabilityBand,
  pixelBand,
  probabilityBandMasks,
} from './inference/probability-band.ts';
export { IMAGENET_NORMALISATION, type ImageInput, type Normalisation, validateImage } from './inference/image-input.ts';
export { type Segmentation, type TensorRunner, type TiledSegmentationOptions, segmentWithRunner } from './inference/segment-tiles.ts';
export { type TilePlan, planTiles } from './inference/tile-plan.ts';
export { type EncoderFeatures, type FeatureWindowOptions, encoderFeatures, featureWindows } from './ood/encoder-features.ts';
export { type FeatureReference, featureDistance } from './ood/feature-reference.ts';
