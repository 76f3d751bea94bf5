export { type BatchStatistics, type TrainingGraph, type TrainingGraphOptions, type WeightInput, buildTrainingGraph, onnxTrainingSupport } from './training-graph.ts';
export { type OnnxTrainerOptions, createOnnxTrainer, weightFeeds } from './onnx-trainer.ts';
export { type WeightLayout, layoutShape, toLayout } from './weight-layouts.ts';
export { type EngineChoice, TRAINING_ENGINES, type TrainingEngine, type TrainingEngineSetting, chooseTrainingEngine } from './engine-choice.ts';
export { createEngineTrainer, withEngineForward } from './engine-trainer.ts';
