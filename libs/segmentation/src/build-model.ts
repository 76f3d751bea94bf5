import * as tfl from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';
import { normaliseArchitecture, type Architecture } from './architectures.ts';
import { deepLabV3PlusDecoder } from './decoders/deeplabv3-plus.ts';
import { fpnDecoder } from './decoders/fpn.ts';
import { linknetDecoder } from './decoders/linknet.ts';
import { panDecoder } from './decoders/pan.ts';
import { pspDecoder } from './decoders/pspnet.ts';
import { segmentationHead } from './decoders/segmentation-head.ts';
import { unetDecoder } from './decoders/unet.ts';
import { unetPlusPlusDecoder } from './decoders/unet-plus-plus.ts';
import type { EncoderSpec } from './encoders/encoder-spec.ts';
import { getEncoder } from './encoders/registry.ts';
import type { Tensor } from './graph/ops.ts';
import type { ModelConfig } from './model-config.ts';

/** Key under which the resolved config travels in the layers model's user-defined metadata. */
export const METADATA_KEY = 'microsegSegmentation';

export interface ResolvedConfig {
  architecture: Architecture;
  encoder: string;
  classes: number;
  inputChannels: number;
  encoderDepth: number;
}

interface DecoderPlan {
  dilations: Record<number, number>;
  head: { kernel: number; upsampling: number };
  /** Decoder modules SMP creates but never calls (their keys are accepted and skipped). */
  unusedModules: string[];
  build(features: Tensor[]): Tensor;
}

const DEFAULT_DECODER_CHANNELS = [256, 128, 64, 32, 16];

function decoderChannels(config: ModelConfig, depth: number): readonly number[] {
  const channels = config.decoderChannels ?? DEFAULT_DECODER_CHANNELS.slice(0, depth);
  if (channels.length !== depth) {
    throw invalidInput(`decoderChannels needs ${depth} entries (encoderDepth), got ${channels.length}`, {
      decoderChannels: channels, encoderDepth: depth,
    });
  }
  return channels;
}

function plan(architecture: Architecture, config: ModelConfig, encoder: EncoderSpec, depth: number): DecoderPlan {
  const vgg = encoder.family === 'vgg';
  switch (architecture) {
    case 'unet': {
      const channels = decoderChannels(config, depth);
      return { dilations: {}, head: { kernel: 3, upsampling: 1 }, unusedModules: [], build: (f) => unetDecoder(f, channels, vgg) };
    }
    case 'unetplusplus': {
      const channels = decoderChannels(config, depth);
      // SMP builds a centre block for VGG but UnetPlusPlusDecoder.forward never calls it.
      return {
        dilations: {}, head: { kernel: 3, upsampling: 1 }, unusedModules: vgg ? ['decoder.center'] : [],
        build: (f) => unetPlusPlusDecoder(f, channels, false),
      };
    }
    case 'linknet':
      return { dilations: {}, head: { kernel: 1, upsampling: 1 }, unusedModules: [], build: (f) => linknetDecoder(f, config.prefinalChannels ?? 32) };
    case 'fpn':
      return {
        dilations: {}, head: { kernel: 1, upsampling: 4 }, unusedModules: [],
        build: (f) => fpnDecoder(f, {
          pyramidChannels: config.pyramidChannels ?? 256,
          segmentationChannels: config.segmentationChannels ?? 128,
          mergePolicy: config.mergePolicy ?? 'add',
        }),
      };
    case 'pspnet':
      return {
        dilations: {}, head: { kernel: 3, upsampling: 8 }, unusedModules: [],
        build: (f) => pspDecoder(f, { outChannels: config.pspOutChannels ?? 512, useBatchNorm: config.pspUseBatchNorm ?? true }),
      };
    case 'pan':
      return { dilations: { 5: 2 }, head: { kernel: 3, upsampling: 4 }, unusedModules: [], build: (f) => panDecoder(f, config.panChannels ?? 32) };
    case 'deeplabv3plus': {
      const outputStride = config.outputStride ?? 16;
      return {
        dilations: outputStride === 8 ? { 4: 2, 5: 4 } : { 5: 2 },
        head: { kernel: 1, upsampling: 4 },
        unusedModules: [],
        build: (f) => deepLabV3PlusDecoder(f, {
          channels: config.deeplabChannels ?? 256, atrousRates: config.atrousRates ?? [12, 24, 36], outputStride,
        }),
      };
    }
  }
}

export function resolveConfig(config: ModelConfig): ResolvedConfig {
  const architecture = normaliseArchitecture(config.architecture);
  if (!architecture) throw invalidInput(`unknown architecture '${config.architecture}'`, { architecture: config.architecture });
  getEncoder(config.encoder);
  if (!Number.isInteger(config.classes) || config.classes < 1) {
    throw invalidInput('classes must be a positive integer', { classes: config.classes });
  }
  const inputChannels = config.inputChannels ?? 3;
  if (!Number.isInteger(inputChannels) || inputChannels < 1) throw invalidInput('inputChannels must be a positive integer', { inputChannels });
  const encoderDepth = config.encoderDepth ?? (architecture === 'pspnet' ? 3 : 5);
  // FPN, PAN and DeepLabV3+ read fixed positions (features[-4:], 1/16 maps) of a depth-5 encoder.
  const depths = architecture === 'fpn' || architecture === 'deeplabv3plus' || architecture === 'pan' ? [5] : [3, 4, 5];
  if (!depths.includes(encoderDepth)) {
    throw invalidInput(`encoderDepth ${encoderDepth} is not supported for ${architecture}`, { encoderDepth, architecture, supported: depths });
  }
  return { architecture, encoder: config.encoder, classes: config.classes, inputChannels, encoderDepth };
}

export interface BuiltModelInfo {
  config: ResolvedConfig;
  encoder: EncoderSpec;
  unusedModules: string[];
}

export function describeModel(config: ModelConfig): BuiltModelInfo {
  const resolved = resolveConfig(config);
  const encoder = getEncoder(resolved.encoder);
  const decoder = plan(resolved.architecture, config, encoder, resolved.encoderDepth);
  const unused = [
    ...encoder.unusedModules.map((m) => `encoder.${m}`),
    ...encoder.stageModules.slice(resolved.encoderDepth + 1).flat().map((m) => `encoder.${m}`),
    ...decoder.unusedModules,
  ];
  return { config: resolved, encoder, unusedModules: unused };
}

/**
 * Builds an SMP network as a tfjs-layers functional model: NHWC input of any size divisible by
 * 32 (PAN: 128), output per-class probabilities (sigmoid for one class, softmax otherwise).
 */
export function buildModel(config: ModelConfig): tfl.LayersModel {
  const { config: resolved, encoder } = describeModel(config);
  const decoder = plan(resolved.architecture, config, encoder, resolved.encoderDepth);
  if (Object.keys(decoder.dilations).length > 0 && !encoder.supportsDilation) {
    throw invalidInput(`encoder ${encoder.name} does not support the dilated mode ${resolved.architecture} needs`, {
      encoder: encoder.name, architecture: resolved.architecture,
    });
  }
  const input = tfl.input({ shape: [null, null, resolved.inputChannels], name: 'image' });
  const features = encoder.build(input, { depth: resolved.encoderDepth, dilations: decoder.dilations });
  const decoded = decoder.build(features);
  const { probabilities } = segmentationHead(decoded, resolved.classes, decoder.head.kernel, decoder.head.upsampling);
  const model = tfl.model({ inputs: input, outputs: probabilities, name: `${resolved.architecture}-${resolved.encoder}` });
  model.setUserDefinedMetadata({ [METADATA_KEY]: { ...config, ...resolved } });
  return model;
}

/** How buildModel builds the encoder of a network with this config (its depth and the dilations its decoder needs). */
export function encoderBuildOptions(config: ModelConfig): { encoder: EncoderSpec; depth: number; dilations: Record<number, number> } {
  const { config: resolved, encoder } = describeModel(config);
  return { encoder, depth: resolved.encoderDepth, dilations: plan(resolved.architecture, config, encoder, resolved.encoderDepth).dilations };
}

/** The same network without the final sigmoid/softmax: its output is SMP's raw `model(x)`. */
export function toLogitsModel(model: tfl.LayersModel): tfl.LayersModel {
  return tfl.model({ inputs: model.inputs, outputs: model.getLayer('probabilities').input });
}
