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

/**
 * What every engine's trainer shares: the weights it trains, Adam keyed by their original names (so optimizer
 * state and checkpoints are one format whichever engine wrote them), the inference-mode loss, and the frozen set.
 * An engine adds its trainStep, which computes the gradients of `variables` and hands them to `applyGradients`.
 */
export abstract class AdamTrainer implements Trainer {
  protected readonly model: LayersModel;
  protected readonly lossWeights: LossWeights;
  protected variables: Map<string, tf.Variable>;
  private readonly adam: Adam;

  constructor(options: TrainerOptions) {
    this.model = options.model;
    this.lossWeights = options.lossWeights ?? PAPER_LOSS_WEIGHTS;
    this.adam = new Adam({ ...options.adam, learningRate: options.learningRate ?? 2e-4 });
    this.variables = trainedVariables(options.model, options.freezeEncoder);
  }

  abstract trainStep(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<TrainStepResult>;

  /** One Adam step over `gradients` (keyed by the weights' original names); returns the step count. */
  protected applyGradients(gradients: tf.NamedTensorMap): number {
    this.adam.applyGradients(this.variables, gradients);
    return this.adam.iterations;
  }

  protected lossOf(image: tf.Tensor4D, targets: tf.Tensor4D, training: boolean): tf.Scalar {
    return diceBceLoss(this.model.apply(image, { training }) as tf.Tensor, targets, this.lossWeights);
  }

  async evaluateLoss(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<number> {
    const value = tf.tidy(() => this.lossOf(image, targets, false));
    const loss = (await value.data())[0]!;
    value.dispose();
    return loss;
  }

  get learningRate(): number {
    return this.adam.learningRate;
  }

  set learningRate(value: number) {
    this.adam.learningRate = value;
  }

  setFrozen(freeze: ((layerName: string) => boolean) | undefined): void {
    this.variables = trainedVariables(this.model, freeze);
  }

  get trainedVariableNames(): readonly string[] {
    return [...this.variables.keys()];
  }

  exportOptimizerState(): OptimizerState {
    return this.adam.exportState();
  }

  importOptimizerState(state: OptimizerState): void {
    this.adam.importState(state);
  }

  dispose(): void {
    this.adam.dispose();
  }
}

/** Trains on the active tfjs backend (tfjs-node-gpu on GPU workers, wasm otherwise), gradients by tf.variableGrads. */
class TfjsTrainer extends AdamTrainer {
  async trainStep(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<TrainStepResult> {
    const { value, grads } = tf.variableGrads(() => this.lossOf(image, targets, true), [...this.variables.values()]);
    // variableGrads names gradients by tf.Variable name; the optimizer keys by the weight's original name.
    const named: tf.NamedTensorMap = {};
    const byVariableName = new Map([...this.variables].map(([weightName, v]) => [v.name, weightName]));
    for (const [variableName, gradient] of Object.entries(grads)) named[byVariableName.get(variableName) ?? variableName] = gradient;
    const step = this.applyGradients(named);
    tf.dispose(Object.values(grads));
    const loss = (await value.data())[0]!;
    value.dispose();
    return { loss, step };
  }
}

export function createTrainer(options: TrainerOptions): Trainer {
  return new TfjsTrainer(options);
}
