import type * as tfl from '@tensorflow/tfjs-layers';
import { onnxTrainingSupport } from './training-graph.ts';

/** What an operator asks for: `auto` is ONNX Runtime on CPU workers for the networks it trains, tfjs otherwise. */
export const TRAINING_ENGINES = ['auto', 'onnxruntime', 'tfjs'] as const;
export type TrainingEngineSetting = (typeof TRAINING_ENGINES)[number];
export type TrainingEngine = 'onnxruntime' | 'tfjs';

export interface EngineChoice {
  engine: TrainingEngine;
  /** Why, in words for the job's log: the setting, the worker, or the layer ONNX Runtime cannot train yet. */
  reason: string;
}

/**
 * Picks the engine one job trains on. A GPU worker trains on its tfjs-node-gpu backend unless ONNX Runtime is
 * asked for by name (this package runs ORT's CPU provider only); a network with a layer the training graph lacks
 * trains on tfjs whatever the setting, and the reason says which layer.
 */
export function chooseTrainingEngine(setting: TrainingEngineSetting, model: tfl.LayersModel, worker: { gpu: boolean }): EngineChoice {
  if (setting === 'tfjs') return { engine: 'tfjs', reason: 'TRAINING_ENGINE=tfjs' };
  if (setting === 'auto' && worker.gpu) return { engine: 'tfjs', reason: 'GPU worker: tfjs-node-gpu' };
  const support = onnxTrainingSupport(model);
  if (!support.supported) return { engine: 'tfjs', reason: `not trainable on ONNX Runtime yet (${support.reason})` };
  return { engine: 'onnxruntime', reason: setting === 'auto' ? 'CPU worker: ONNX Runtime' : 'TRAINING_ENGINE=onnxruntime' };
}
