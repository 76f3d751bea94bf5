import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { defaultThreads } from '@microseg/model-artifact/onnx';
import { AdamTrainer, type TrainStepResult, type Trainer, type TrainerOptions } from '@microseg/tf-runtime';
import { type TrainingGraph, type WeightInput, buildTrainingGraph } from './training-graph.ts';
import { layoutShape, toLayout } from './weight-layouts.ts';

export interface OnnxTrainerOptions extends TrainerOptions {
  /** ONNX Runtime's intra-op threads; default one per core this process may use (cgroup CPU limit included). */
  threads?: number;
}

interface Step {
  graph: TrainingGraph;
  session: ort.InferenceSession;
  /** One buffer per weight input, refilled every step (about 110 MB for UNet-ResNet18 that is not reallocated). */
  buffers: Map<string, Float32Array>;
}

/** A batch norm's moving averages, updated from each step's batch statistics as tfjs-layers does. */
type LayerVariable = LayersModel['weights'][number];

interface MovingAverages {
  mean: LayerVariable;
  variance: LayerVariable;
  momentum: number;
}

/**
 * The graph's weight inputs from the weights' current values (tfjs layout, `read` once per weight, used before
 * the next read), written into `buffers` (by input name) where given.
 */
export function weightFeeds(inputs: readonly WeightInput[], read: (weight: string) => Float32Array, buffers?: Map<string, Float32Array>): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  const byWeight = new Map<string, WeightInput[]>();
  for (const input of inputs) byWeight.set(input.weight, [...(byWeight.get(input.weight) ?? []), input]);
  for (const [weight, layouts] of byWeight) {
    const value = read(weight);
    for (const input of layouts) {
      feeds[input.input] = new ort.Tensor('float32', toLayout(value, input.shape, input.layout, buffers?.get(input.input)), layoutShape(input.shape, input.layout));
    }
  }
  return feeds;
}

/**
 * The Trainer interface on ONNX Runtime: each step is one session run of a graph holding the forward pass, the
 * paper's DiceBCE and the backward pass (built once per batch shape and set of trained weights), on every core
 * through ORT's own kernels. The tfjs model stays the source of truth: its weights are fed in, the gradients come
 * back to the same Adam (so optimizer state and checkpoints are those of the tfjs trainer, and a job can resume on
 * either engine), and the batch norms' moving averages are updated as tfjs would.
 */
class OnnxTrainer extends AdamTrainer {
  private readonly threads: number;
  private readonly steps = new Map<string, Promise<Step>>();
  private readonly layerVariables = new Map<string, LayerVariable>();
  private readonly movingAverages = new Map<string, MovingAverages>();

  constructor(options: OnnxTrainerOptions) {
    super(options);
    this.threads = options.threads ?? defaultThreads();
    for (const layer of this.model.layers) {
      for (const w of layer.weights) this.layerVariables.set(w.originalName, w);
      if (layer.getClassName() !== 'BatchNormalization') continue;
      const find = (suffix: string) => layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`))!;
      this.movingAverages.set(layer.name, {
        mean: find('moving_mean'),
        variance: find('moving_variance'),
        momentum: (layer.getConfig() as { momentum: number }).momentum,
      });
    }
  }

  async trainStep(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<TrainStepResult> {
    const { graph, session, buffers } = await this.stepFor(image, targets);
    const feeds: Record<string, ort.Tensor> = {
      [graph.image]: new ort.Tensor('float32', image.dataSync() as Float32Array, image.shape),
      [graph.targets]: new ort.Tensor('float32', targets.dataSync() as Float32Array, targets.shape),
      ...weightFeeds(graph.weights, (weight) => this.readWeight(weight), buffers),
    };
    const results = await session.run(feeds);
    tf.tidy(() => {
      for (const { layer, mean, variance } of graph.batchStatistics) {
        const moving = this.movingAverages.get(layer)!;
        const decay = 1 - moving.momentum;
        for (const [variable, batchValue] of [[moving.mean, mean], [moving.variance, variance]] as const) {
          const current = variable.read();
          variable.write(tf.sub(current, tf.mul(tf.sub(current, tf.tensor(results[batchValue]!.data as Float32Array, current.shape)), decay)));
        }
      }
    });
    const named: tf.NamedTensorMap = {};
    for (const [weight, output] of graph.gradients) {
      named[weight] = tf.tensor(results[output]!.data as Float32Array, this.variables.get(weight)!.shape);
    }
    const step = this.applyGradients(named);
    tf.dispose(Object.values(named));
    return { loss: (results[graph.loss]!.data as Float32Array)[0]!, step };
  }

  /**
   * A weight's values: on wasm a view of the heap (no copy; read before anything allocates there again, as
   * weightFeeds does), elsewhere a copy.
   */
  private readWeight(weight: string): Float32Array {
    const value = this.layerVariables.get(weight)!.read();
    const backend = tf.backend() as Partial<BackendWasm>;
    if (typeof backend.typedArrayFromHeap === 'function') return backend.typedArrayFromHeap(value) as Float32Array;
    return value.dataSync() as Float32Array;
  }

  override setFrozen(freeze: ((layerName: string) => boolean) | undefined): void {
    super.setFrozen(freeze);
    // The graphs compute gradients for the weights trained when they were built.
    void this.releaseSteps();
  }

  override dispose(): void {
    super.dispose();
    void this.releaseSteps();
  }

  private stepFor(image: tf.Tensor4D, targets: tf.Tensor4D): Promise<Step> {
    const [batch, height, width] = image.shape;
    const key = `${batch}x${height}x${width}x${targets.shape[3]}`;
    let step = this.steps.get(key);
    if (!step) {
      const trained = new Set(this.variables.keys());
      step = (async () => {
        const graph = buildTrainingGraph(this.model, { batch, height, width, trained, lossWeights: this.lossWeights });
        const session = await ort.InferenceSession.create(graph.model, {
          intraOpNumThreads: this.threads,
          interOpNumThreads: 1,
          executionMode: 'sequential',
          graphOptimizationLevel: 'all',
        });
        const buffers = new Map(graph.weights.map((w) => [w.input, new Float32Array(w.shape.reduce((a, b) => a * b, 1))]));
        return { graph, session, buffers };
      })();
      this.steps.set(key, step);
      step.catch(() => this.steps.delete(key));
    }
    return step;
  }

  private async releaseSteps(): Promise<void> {
    const pending = [...this.steps.values()];
    this.steps.clear();
    await Promise.all(pending.map((step) => step.then((s) => s.session.release(), () => undefined)));
  }
}

export function createOnnxTrainer(options: OnnxTrainerOptions): Trainer {
  return new OnnxTrainer(options);
}
