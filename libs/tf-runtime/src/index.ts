export { type RuntimeLogger } from './logger.ts';
export { BackendName, type BackendChoice, type InitBackendOptions, initBackend } from './backend/select-backend.ts';
export { MAX_WASM_THREADS, useThreadedWasm, wasmThreads } from './backend/threaded-wasm.ts';
export { WASM_GRADIENT_KERNELS, registerWasmGradientKernels } from './wasm-gradients/register-wasm-gradients.ts';

export { type LossWeights, PAPER_LOSS_WEIGHTS, binaryCrossEntropy, diceBceLoss, diceLoss } from './losses/dice-bce.ts';
export { type IouScores, iouPerClass, iouScores, maskIouPerClass, pooledIou } from './losses/iou.ts';
export { maskToTargets } from './losses/targets.ts';

export { Adam, type AdamConfig, type NamedTensor, type OptimizerState, PAPER_ADAM } from './training/adam.ts';
export { rasterToInput, sampleToTensors, samplesToTensors, toUnitRange } from './training/sample-tensors.ts';
export { AdamTrainer, type TrainStepResult, type Trainer, type TrainerOptions, createTrainer, trainedVariables } from './training/trainer.ts';

export { type AugmentationConfig, PAPER_AUGMENTATION, type TrainingSample, augmentSample } from './augment/augment.ts';
export { type Rng, createRng } from './augment/rng.ts';
export { type PixelArray, type Raster, crop, flipHorizontal, flipVertical, rotate90 } from './augment/raster.ts';

// The tfjs-free part (tiling, class conventions, out-of-distribution features), as ./onnx.ts offers it.
export * from './onnx.ts';
export { type ModelSource, type TilePredictor, loadPredictor, modelToSource } from './inference/model-source.ts';
export { type SegmentImageOptions, segmentImage } from './inference/segment-image.ts';
export { type TileCentres, type TileWorkerPool, type TileWorkerPoolOptions, createTileWorkerPool } from './inference/worker-pool.ts';

export { layersRunner } from './ood/layers-runner.ts';
export {
  DEFAULT_THRESHOLD_RULE, type FeatureReference, type ThresholdRule, calibrateThreshold, featureDistance, fitFeatureReference,
} from './ood/feature-reference.ts';
