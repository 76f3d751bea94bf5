export { type BatchStatistics, type TrainingGraph, type TrainingGraphOptions, type WeightInput, buildTrainingGraph, onnxTrainingSupport } from './training-graph.ts';
export { type OnnxTrainerOptions, createOnnxTrainer } from './onnx-trainer.ts';
export { type EngineChoice, TRAINING_ENGINES, type TrainingEngine, type TrainingEngineSetting, chooseTrainingEngine } from './engine-choice.ts';
