import type { LayersModel } from '@tensorflow/tfjs-layers';
import { startLayersOnnxRunner } from '@microseg/model-artifact';
import { type TensorRunner, type Trainer, createTrainer } from '@microseg/tf-runtime';
import type { TrainingEngine } from './engine-choice.ts';
import { type OnnxTrainerOptions, createOnnxTrainer } from './onnx-trainer.ts';

/** The trainer of `engine`: both feed the same Adam and checkpoints, so a job may resume on the other one. */
export function createEngineTrainer(engine: TrainingEngine, options: OnnxTrainerOptions): Trainer {
  return engine === 'onnxruntime' ? createOnnxTrainer(options) : createTrainer(options);
}

/**
 * Runs `score` with the network's forward pass where its engine trains it: beside the ONNX engine, the current
 * weights exported and run on ONNX Runtime (released after); on tfjs, no runner (the caller's tfjs model).
 */
export async function withEngineForward<T>(engine: TrainingEngine, model: LayersModel, options: { threads?: number }, score: (runner: TensorRunner | undefined) => Promise<T>): Promise<T> {
  const onnx = engine === 'onnxruntime' ? await startLayersOnnxRunner(model, options) : undefined;
  try {
    return await score(onnx?.runner);
  } finally {
    await onnx?.runner.release();
  }
}
