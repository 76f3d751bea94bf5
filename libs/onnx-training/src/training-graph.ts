import type * as tfl from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';
import { type Pads, onnxConv, zeroPaddingPads } from '@microseg/onnx-export';
import type { LossWeights } from '@microseg/tf-runtime';
import { type Shape4, TrainingGraphBuilder } from './graph-builder.ts';
import {
  ACTIVATIONS, type ActivationKind, type ConvSettings, type Emitted, activation, add, averagePool, batchNorm, concatChannels, conv2d, convTranspose2d, depthwiseConv2d,
  globalAveragePool, maxPool, multiply, takesFlippedKernel, upsampleNearest, zeroPad,
} from './layers.ts';
import { type WeightLayout, layoutShape } from './weight-layouts.ts';
import { diceBceWithGradient } from './dice-bce.ts';

export interface TrainingGraphOptions {
  batch: number;
  height: number;
  width: number;
  /** Original names (`layer/kernel`) of the weights to compute gradients for; the others are fed as they are. */
  trained: ReadonlySet<string>;
  lossWeights: LossWeights;
}

/** A weight fed to the graph each step: the tfjs weight `weight`, read as `shape` (its tfjs shape, or a depthwise kernel's [kh, kw, 1, c]), rearranged into `layout`. */
export interface WeightInput {
  input: string;
  weight: string;
  shape: number[];
  layout: WeightLayout;
}

export interface BatchStatistics {
  layer: string;
  channels: number;
  mean: string;
  variance: string;
}

export interface TrainingGraph {
  model: Uint8Array;
  /** NHWC [batch, height, width, channels], as tfjs holds the batch. */
  image: string;
  /** NHWC one-hot (or binary) targets. */
  targets: string;
  weights: WeightInput[];
  loss: string;
  /** Output name of each trained weight's gradient, in the weight's tfjs shape. */
  gradients: Map<string, string>;
  /** Per batch norm: the batch's mean and (biased) variance, which tfjs folds into the moving averages. */
  batchStatistics: BatchStatistics[];
}

type SymbolicTensor = tfl.SymbolicTensor;

/** Layers whose ONNX convolution takes a zero padding that only they read into its pads. */
const PADDING_FOLDS_INTO = new Set(['Conv2D', 'DepthwiseConv2D']);
type Config = Record<string, unknown>;

/** A layer config's activation name ('linear' when absent). */
const activationOf = (config: Config): string => (typeof config.activation === 'string' ? config.activation : 'linear');
const pair = (v: unknown): [number, number] => (typeof v === 'number' ? [v, v] : [(v as number[])[0]!, (v as number[])[1]!]);

function inboundTensors(layer: tfl.layers.Layer): SymbolicTensor[] {
  if (layer.inboundNodes.length !== 1) throw new Error(`layer ${layer.name} is applied ${layer.inboundNodes.length} times`);
  return layer.inboundNodes[0]!.inputTensors;
}

/** Why a layer cannot be trained in an ONNX training graph (yet), or undefined when it can. */
function unsupportedReason(layer: tfl.layers.Layer): string | undefined {
  const className = layer.getClassName();
  const config = layer.getConfig() as Config;
  switch (className) {
    case 'InputLayer':
    case 'ZeroPadding2D':
    case 'Add':
      return undefined;
    case 'Conv2D':
      if ((config.groups ?? 1) !== 1) return 'grouped convolution';
      if (!ACTIVATIONS.has(activationOf(config))) return `activation ${activationOf(config)}`;
      if (config.padding === 'same' && pair(config.strides).some((s) => s !== 1)) return "'same' padding with a stride";
      // tfjs has no gradient for dilated convolutions either, so there is nothing to check this one against.
      if (pair(config.dilationRate ?? 1).some((d) => d !== 1)) return 'dilated convolution';
      return undefined;
    case 'Conv2DTranspose':
      if (!ACTIVATIONS.has(activationOf(config))) return `activation ${activationOf(config)}`;
      if (pair(config.dilationRate ?? 1).some((d) => d !== 1)) return 'dilated transposed convolution';
      return undefined;
    case 'BatchNormalization':
      if (config.axis !== 3 && config.axis !== -1) return 'batch norm over another axis than the channels';
      return config.center === false || config.scale === false ? 'batch norm without centre or scale' : undefined;
    case 'Activation':
      return ACTIVATIONS.has(activationOf(config)) ? undefined : `activation ${activationOf(config)}`;
    case 'MaxPooling2D':
      return config.padding === 'valid' || config.padding === 'same' ? undefined : `pooling padding ${String(config.padding)}`;
    case 'MicrosegTorchMaxPool2D':
      return undefined;
    case 'DepthwiseConv2D':
      if ((config.depthMultiplier ?? 1) !== 1) return 'depthwise convolution with a channel multiplier';
      if (!ACTIVATIONS.has(activationOf(config))) return `activation ${activationOf(config)}`;
      if (pair(config.dilationRate ?? 1).some((d) => d !== 1)) return 'dilated convolution';
      return config.padding === 'same' && pair(config.strides).some((s) => s !== 1) ? "'same' padding with a stride" : undefined;
    case 'Multiply':
      return layer.inboundNodes[0]!.inputTensors.length === 2 ? undefined : 'a product of more than two tensors';
    case 'MicrosegAdaptiveAvgPool2D':
      return config.outputSize === 1 ? undefined : `adaptive pooling to ${String(config.outputSize)}x${String(config.outputSize)}`;
    case 'AveragePooling2D': {
      const size = pair(config.poolSize);
      const strides = pair(config.strides ?? config.poolSize);
      return config.padding === 'valid' && size[0] === strides[0] && size[1] === strides[1] ? undefined : 'overlapping or padded average pooling';
    }
    case 'UpSampling2D':
      return config.interpolation === 'nearest' ? undefined : `${String(config.interpolation)} upsampling`;
    case 'Concatenate':
      return config.axis === 3 || config.axis === -1 ? undefined : 'concatenation over another axis than the channels';
    default:
      return `layer class ${className}`;
  }
}

/**
 * Whether `model` trains on ONNX Runtime: the layers of UNet, UNet++ and LinkNet over the ResNet, VGG, DenseNet,
 * SE-ResNet, MobileNet and EfficientNet encoders (convolutions, depthwise and transposed convolutions, batch
 * norms, ReLU/ReLU6/swish/sigmoid/softmax, max and average pooling, global average pooling, squeeze-excitation
 * products, nearest upsampling, sums and concatenations). The others (grouped and dilated convolutions, group
 * norms, bilinear resizes, pyramid pooling) train on tfjs.
 */
export function onnxTrainingSupport(model: tfl.LayersModel): { supported: true } | { supported: false; reason: string } {
  for (const layer of model.layers) {
    const reason = unsupportedReason(layer);
    if (reason) return { supported: false, reason: `${layer.name}: ${reason}` };
  }
  return { supported: true };
}

/** A convolution layer's kernel, strides, dilations and pads as the inference export reads them, plus a folded padding. */
function convSettings(layer: tfl.layers.Layer, extraPads: Pads = [0, 0, 0, 0]): ConvSettings {
  const { kernel_shape, strides, dilations, pads } = onnxConv(layer).attributes;
  return {
    kernel: kernel_shape as [number, number],
    strides: strides as [number, number],
    dilations: dilations as [number, number],
    pads: pads.map((p, i) => p + extraPads[i]!) as Pads,
  };
}

/** The tfjs weight of `layer` named `suffix` (`kernel`, `gamma`...), with the name it is fed and trained by. */
function layerWeight(layer: tfl.layers.Layer, suffix: string): { weight: string; shape: number[] } | undefined {
  const found = layer.weights.find((w) => w.originalName === suffix || w.originalName.endsWith(`/${suffix}`));
  return found ? { weight: found.originalName, shape: [...found.shape] as number[] } : undefined;
}

/**
 * Builds one ONNX graph that runs a training step's forward pass (batch norms on batch statistics), the paper's
 * DiceBCE loss and the backward pass, for a fixed batch shape. Weights are graph inputs in tfjs's layout and
 * gradients graph outputs in the same layout, so the optimizer, checkpoints and the tfjs model stay as they are.
 */
export function buildTrainingGraph(model: tfl.LayersModel, options: TrainingGraphOptions): TrainingGraph {
  const support = onnxTrainingSupport(model);
  if (!support.supported) throw invalidInput(`this network does not train on ONNX Runtime: ${support.reason}`, { reason: support.reason });
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw invalidInput('only models with one input and one output train on ONNX Runtime', {});
  const { batch, height, width, trained } = options;
  const g = new TrainingGraphBuilder();
  const imageInput = g.unique('image');
  const targetsInput = g.unique('targets');
  const channels = model.inputs[0]!.shape[3]!;
  const classes = model.outputs[0]!.shape[3]!;

  const weights: WeightInput[] = [];
  const weightShapes = new Map<string, number[]>();
  for (const layer of model.layers) for (const w of layer.weights) weightShapes.set(w.originalName, [...w.shape] as number[]);
  // Graph inputs are taken as the layers ask for them; names are reserved first so no node can claim one.
  const inputNames = new Map<string, string>();
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      for (const layout of ['as-is', 'oihw', 'flipped-io'] as const) inputNames.set(`${w.originalName}|${layout}`, g.unique(layout === 'as-is' ? w.originalName : `${w.originalName}:${layout}`));
    }
  }
  /** `layoutShape`: the 4-D shape the rearrangement reads the weight as, where it differs from tfjs's (depthwise kernels). */
  const weightInput = (weight: string, layout: WeightLayout, layoutShape?: number[]): string => {
    const input = inputNames.get(`${weight}|${layout}`)!;
    if (!weights.some((w) => w.input === input)) weights.push({ input, weight, shape: layoutShape ?? weightShapes.get(weight)!, layout });
    return input;
  };
  const gradientNames = new Map<string, string>();
  for (const weight of trained) {
    if (!weightShapes.has(weight)) throw new Error(`trained weight ${weight} is not in the model`);
    gradientNames.set(weight, g.unique(`gradient/${weight}`));
  }
  const gradients = new Map<string, string>();
  const gradientSink = (weight: string | undefined) =>
    weight && trained.has(weight) ? (gradient: string) => gradients.set(weight, g.identity(gradient, gradientNames.get(weight)!)) : undefined;

  const readers = new Map<number, tfl.layers.Layer[]>();
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    for (const t of inboundTensors(layer)) readers.set(t.id, [...(readers.get(t.id) ?? []), layer]);
  }

  interface Computed {
    name: string;
    shape: Shape4;
    needsGradient: boolean;
  }
  const computed = new Map<number, Computed>();
  computed.set(model.inputs[0]!.id, {
    name: g.transpose(imageInput, [0, 3, 1, 2], 'image_nchw'),
    shape: [batch, channels, height, width],
    needsGradient: false,
  });
  /** Zero paddings read only by a convolution, folded into its pads (as the inference export does). */
  const foldedPadding = new Map<number, { source: number; pads: Pads }>();
  const tape: { inputs: number[]; output: number; backward: Emitted['backward'] }[] = [];
  const batchStatistics: BatchStatistics[] = [];
  const valueOf = (id: number): Computed => {
    const value = computed.get(id);
    if (!value) throw new Error(`tensor ${id} is used before it is computed`);
    return value;
  };

  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    const config = layer.getConfig() as Config;
    const inputIds = inboundTensors(layer).map((t) => t.id);
    const outputId = layer.inboundNodes[0]!.outputTensors[0]!.id;
    const layerTrained = layer.weights.some((w) => trained.has(w.originalName));

    if (className === 'ZeroPadding2D') {
      const onlyReaders = readers.get(outputId) ?? [];
      if (onlyReaders.length === 1 && PADDING_FOLDS_INTO.has(onlyReaders[0]!.getClassName()) && outputId !== model.outputs[0]!.id) {
        foldedPadding.set(outputId, { source: inputIds[0]!, pads: zeroPaddingPads(layer) });
        continue;
      }
    }
    let sourceIds = inputIds;
    let extraPads: Pads = [0, 0, 0, 0];
    const folded = foldedPadding.get(inputIds[0]!);
    if (PADDING_FOLDS_INTO.has(className) && folded) {
      sourceIds = [folded.source];
      extraPads = folded.pads;
    }
    const inputs = sourceIds.map(valueOf);
    const needsGradient = layerTrained || inputs.some((v) => v.needsGradient);
    const x = inputs[0]!;
    let emitted: Emitted;
    switch (className) {
      case 'Conv2D': {
        const kernel = layerWeight(layer, 'kernel')!;
        const bias = layerWeight(layer, 'bias');
        const settings = convSettings(layer, extraPads);
        const conv = conv2d(
          g,
          layer.name,
          x.name,
          x.shape,
          {
            oihw: weightInput(kernel.weight, 'oihw'),
            ...(x.needsGradient && takesFlippedKernel(settings) ? { flippedIo: weightInput(kernel.weight, 'flipped-io') } : {}),
          },
          kernel.shape[3]!,
          bias ? weightInput(bias.weight, 'as-is') : undefined,
          settings,
          { input: x.needsGradient, kernel: gradientSink(kernel.weight), bias: gradientSink(bias?.weight) },
        );
        const act = activation(g, activationOf(config) as ActivationKind, conv.output, conv.shape, `${layer.name}.activation`);
        emitted = { output: act.output, shape: act.shape, backward: (dy) => conv.backward(act.backward(dy)[0]!) };
        break;
      }
      case 'Conv2DTranspose': {
        const kernel = layerWeight(layer, 'kernel')!;
        const bias = layerWeight(layer, 'bias');
        const conv = convTranspose2d(
          g,
          layer.name,
          x.name,
          x.shape,
          weightInput(kernel.weight, 'oihw'),
          kernel.shape[2]!,
          bias ? weightInput(bias.weight, 'as-is') : undefined,
          convSettings(layer),
          { input: x.needsGradient, kernel: gradientSink(kernel.weight), bias: gradientSink(bias?.weight) },
        );
        const act = activation(g, activationOf(config) as ActivationKind, conv.output, conv.shape, `${layer.name}.activation`);
        emitted = { output: act.output, shape: act.shape, backward: (dy) => conv.backward(act.backward(dy)[0]!) };
        break;
      }
      case 'BatchNormalization': {
        const gamma = layerWeight(layer, 'gamma')!;
        const beta = layerWeight(layer, 'beta')!;
        const bn = batchNorm(g, layer.name, x.name, x.shape, weightInput(gamma.weight, 'as-is'), weightInput(beta.weight, 'as-is'), config.epsilon as number, {
          input: x.needsGradient,
          gamma: gradientSink(gamma.weight),
          beta: gradientSink(beta.weight),
        });
        batchStatistics.push({ layer: layer.name, channels: x.shape[1], mean: bn.mean, variance: bn.variance });
        emitted = bn;
        break;
      }
      case 'Activation':
        emitted = activation(g, activationOf(config) as ActivationKind, x.name, x.shape, layer.name);
        break;
      case 'ZeroPadding2D':
        emitted = zeroPad(g, layer.name, x.name, x.shape, zeroPaddingPads(layer));
        break;
      case 'MaxPooling2D':
        emitted = maxPool(g, layer.name, x.name, x.shape, pair(config.poolSize), pair(config.strides ?? config.poolSize), config.padding === 'same' ? 'same' : [0, 0, 0, 0]);
        break;
      case 'MicrosegTorchMaxPool2D': {
        // PyTorch's -inf padding, plus what ceil_mode adds at the end (never a window's maximum in either case).
        const { kernel, stride, padding, ceilMode } = config as { kernel: number; stride: number; padding: number; ceilMode: boolean };
        const extra = (size: number) => {
          const span = size + 2 * padding - kernel;
          let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
          if (ceilMode && (out - 1) * stride >= size + padding) out -= 1;
          return Math.max(0, (out - 1) * stride + kernel - size - 2 * padding);
        };
        const [, , h, w] = x.shape;
        emitted = maxPool(g, layer.name, x.name, x.shape, [kernel, kernel], [stride, stride], [padding, padding, padding + extra(h), padding + extra(w)]);
        break;
      }
      case 'DepthwiseConv2D': {
        const kernel = layerWeight(layer, 'depthwise_kernel')!;
        const bias = layerWeight(layer, 'bias');
        const [kh, kw, channels] = kernel.shape as [number, number, number, number];
        // [kh, kw, c, 1] is [kh, kw, 1, c] in memory: its 'oihw' form is ONNX's grouped [c, 1, kh, kw].
        const conv = depthwiseConv2d(g, layer.name, x.name, x.shape, weightInput(kernel.weight, 'oihw', [kh, kw, 1, channels]), bias ? weightInput(bias.weight, 'as-is') : undefined, convSettings(layer, extraPads), {
          input: x.needsGradient,
          kernel: gradientSink(kernel.weight),
          bias: gradientSink(bias?.weight),
        });
        const act = activation(g, activationOf(config) as ActivationKind, conv.output, conv.shape, `${layer.name}.activation`);
        emitted = { output: act.output, shape: act.shape, backward: (dy) => conv.backward(act.backward(dy)[0]!) };
        break;
      }
      case 'Multiply':
        emitted = multiply(g, layer.name, [inputs[0]!.name, inputs[1]!.name], [inputs[0]!.shape, inputs[1]!.shape]);
        break;
      case 'MicrosegAdaptiveAvgPool2D':
        emitted = globalAveragePool(g, layer.name, x.name, x.shape);
        break;
      case 'AveragePooling2D':
        emitted = averagePool(g, layer.name, x.name, x.shape, pair(config.poolSize));
        break;
      case 'UpSampling2D':
        emitted = upsampleNearest(g, layer.name, x.name, x.shape, pair(config.size));
        break;
      case 'Add':
        emitted = add(g, layer.name, inputs.map((v) => v.name), x.shape);
        break;
      case 'Concatenate':
        emitted = concatChannels(g, layer.name, inputs.map((v) => v.name), inputs.map((v) => v.shape));
        break;
      default:
        throw new Error(`no training emitter for ${className}`);
    }
    computed.set(outputId, { name: emitted.output, shape: emitted.shape, needsGradient });
    if (needsGradient) tape.push({ inputs: sourceIds, output: outputId, backward: emitted.backward });
  }

  const probabilities = valueOf(model.outputs[0]!.id);
  const targets = g.transpose(targetsInput, [0, 3, 1, 2], 'targets_nchw');
  const { loss, gradient } = diceBceWithGradient(g, probabilities.name, targets, batch * classes * height * width, options.lossWeights);

  // Reverse mode: every tensor's gradient is the sum of what its readers sent back.
  const contributions = new Map<number, string[]>([[model.outputs[0]!.id, [gradient]]]);
  for (let i = tape.length - 1; i >= 0; i--) {
    const { inputs, output, backward } = tape[i]!;
    const parts = contributions.get(output);
    if (!parts) continue;
    const dy = g.sum(parts, `grad_sum.${output}`);
    const dxs = backward(dy);
    inputs.forEach((id, k) => {
      const dx = dxs[k];
      if (dx === undefined || !computed.get(id)?.needsGradient) return;
      contributions.set(id, [...(contributions.get(id) ?? []), dx]);
    });
  }
  for (const weight of trained) {
    if (!gradients.has(weight)) throw new Error(`no gradient reaches ${weight}`);
  }

  const bytes = g.encode({
    name: `${model.name}.training`,
    inputs: [
      { name: imageInput, dims: [batch, height, width, channels] },
      { name: targetsInput, dims: [batch, height, width, classes] },
      ...weights.map((w) => ({ name: w.input, dims: layoutShape(w.shape, w.layout) })),
    ],
    outputs: [
      { name: loss, dims: [] },
      ...[...gradients].map(([weight, output]) => ({ name: output, dims: weightShapes.get(weight)! })),
      ...batchStatistics.flatMap((s) => [s.mean, s.variance].map((name) => ({ name, dims: [s.channels] }))),
    ],
    producerVersion: '0.1.0',
  });
  return { model: bytes, image: imageInput, targets: targetsInput, weights, loss, gradients, batchStatistics };
}
