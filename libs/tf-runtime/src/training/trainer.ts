import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MicroSegError } from '@microseg/errors';
import { type LossWeights, PAPER_LOSS_WEIGHTS, diceBceLoss } from '../losses/dice-bce.ts';
import { Adam, type AdamConfig, type OptimizerState } from './adam.ts';

export interface TrainerOptions {
  model: LayersModel;
  /** 2e-4 as in the paper unless given. */
  learningRate?: number;
  lossWeights?: LossWeights;
  /** Layers (by name) whose weights stay fixed, e.g. `(name) => name.startsWith('encoder')`. */
  freezeEncoder?: (layerName: string) => boolean;
  adam?: Partial<Omit<AdamConfig, 'learningRate'>>;
}

export interface TrainStepResult {
  loss: number;
  step: number;
}

export interface Trainer {
  /** One optimisation step on a batch of images [n,h,w,c] and their targets [n,h,w,classes]; the loss pools the batch, as the paper's. */
  trainStep(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<TrainStepResult>;
  /** Mean DiceBCE of the model in inference mode (batch norm on running statistics). */
  evaluateLoss(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<number>;
  learningRate: number;
  /** Re-evaluates which layers are frozen, e.g. to unfreeze the encoder after warm-up. */
  setFrozen(freeze: ((layerName: string) => boolean) | undefined): void;
  readonly trainedVariableNames: readonly string[];
  exportOptimizerState(): OptimizerState;
  importOptimizerState(state: OptimizerState): void;
  dispose(): void;
}

/** The weights a trainer updates, keyed by their original names (what optimizer state and checkpoints use). */
export function trainedVariables(model: LayersModel, freeze: ((layerName: string) => boolean) | undefined): Map<string, tf.Variable> {
  const variables = new Map<string, tf.Variable>();
  for (const layer of model.layers) {
    if (freeze?.(layer.name)) continue;
    // originalName lacks the suffix tfjs adds to keep names unique across models, so optimizer state
    // exported from one build of a network applies to another.
    for (const weight of layer.trainableWeights) variables.set(weight.originalName, weight.read() as tf.Variable);
  }
  if (variables.size === 0) {
    throw new MicroSegError('INVALID_INPUT', 'every layer of the model is frozen: nothing to train', {
      details: { layers: model.layers.length },
    });
  }
  return variables;
}

export function createTrainer(options: TrainerOptions): Trainer {
  const { model } = options;
  const lossWeights = options.lossWeights ?? PAPER_LOSS_WEIGHTS;
  const adam = new Adam({ ...options.adam, learningRate: options.learningRate ?? 2e-4 });
  let variables = trainedVariables(model, options.freezeEncoder);

  const lossOf = (image: tf.Tensor4D, targets: tf.Tensor4D, training: boolean) =>
    diceBceLoss(model.apply(image, { training }) as tf.Tensor, targets, lossWeights);

  return {
    async trainStep(image, targets) {
      const { value, grads } = tf.variableGrads(() => lossOf(image, targets, true), [...variables.values()]);
      // variableGrads names gradients by tf.Variable name; the optimizer keys by the weight's original name.
      const named: tf.NamedTensorMap = {};
      const byVariableName = new Map([...variables].map(([weightName, v]) => [v.name, weightName]));
      for (const [variableName, gradient] of Object.entries(grads)) named[byVariableName.get(variableName) ?? variableName] = gradient;
      adam.applyGradients(variables, named);
      tf.dispose(Object.values(grads));
      const loss = (await value.data())[0]!;
      value.dispose();
      return { loss, step: adam.iterations };
    },
    async evaluateLoss(image, targets) {
      const value = tf.tidy(() => lossOf(image, targets, false));
      const loss = (await value.data())[0]!;
      value.dispose();
      return loss;
    },
    get learningRate() {
      return adam.learningRate;
    },
    set learningRate(value: number) {
      adam.learningRate = value;
    },
    setFrozen(freeze) {
      variables = trainedVariables(model, freeze);
    },
    get trainedVariableNames() {
      return [...variables.keys()];
    },
    exportOptimizerState: () => adam.exportState(),
    importOptimizerState: (state) => adam.importState(state),
    dispose: () => adam.dispose(),
  };
}
