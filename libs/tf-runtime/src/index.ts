export { type RuntimeLogger } from './logger.ts';
export { BackendName, type BackendChoice, type InitBackendOptions, initBackend } from './backend/select-backend.ts';
export { MAX_WASM_THREADS, useThreadedWasm, wasmThreads } from './backend/threaded-wasm.ts';
export { WASM_GRADIENT_KERNELS, registerWasmGradientKernels } from './wasm-gradients/register-wasm-gradients.ts';

export { type LossWeights, PAPER_LOSS_WEIGHTS, binaryCrossEntropy, diceBceLoss, diceLoss } from './losses/dice-bce.ts';
export { type IouScores, iouPerClass, iouScores, maskIouPerClass, pooledIou } from './losses/iou.ts';
export { maskToTargets } from './losses/targets.ts';

export { Adam, type AdamConfig, type NamedTensor, type OptimizerState, PAPER_ADAM } from './training/adam.ts';
export { rasterToInput, sampleToTensors, samplesToTensors, toUnitRange } from './training/sample-tensors.ts';
export { type TrainStepResult, type Trainer, type TrainerOptions, createTrainer } from './training/trainer.ts';

export { type AugmentationConfig, PAPER_AUGMENTATION, type TrainingSample, augmentSample } from './augment/augment.ts';
export { type Rng, createRng } from './augment/rng.ts';
export { type PixelArray, type Raster, crop, flipHorizontal, flipVertical, rotate90 } from './augment/raster.ts';

export { ClassRule, SixteenBitInput, pixelClass, probabilitiesToMask, unitScaler } from './inference/conventions.ts';
export {
  DEFAULT_PROBABILITY_BAND,
  type ProbabilityBand,
  assertProbabilityBand,
  pixelBand,
  probabilityBandMasks,
} from './inference/probability-band.ts';
export { IMAGENET_NORMALISATION, type ImageInput, type Normalisation, validateImage } from './inference/image-input.ts';
export { type ModelSource, type TilePredictor, loadPredictor, modelToSource } from './inference/model-source.ts';
export { type SegmentImageOptions, segmentImage } from './inference/segment-image.ts';
export { type Segmentation, type TensorRunner, type TiledSegmentationOptions, segmentWithRunner } from './inference/segment-tiles.ts';
export { type TilePlan, planTiles } from './inference/tile-plan.ts';
export { type TileCentres, type TileWorkerPool, type TileWorkerPoolOptions, createTileWorkerPool } from './inference/worker-pool.ts';

export { type EncoderFeatures, type FeatureWindowOptions, encoderFeatures, featureWindows } from './ood/encoder-features.ts';
export { layersRunner } from './ood/layers-runner.ts';
export {
  DEFAULT_THRESHOLD_RULE, type FeatureReference, type ThresholdRule, calibrateThreshold, featureDistance, fitFeatureReference,
} from './ood/feature-reference.ts';
