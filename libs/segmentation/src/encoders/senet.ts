import {
  activation, adaptiveAvgPool, add, batchNorm, channelsOf, conv2d, convBnAct, multiply, relu, type Tensor,
} from '../graph/ops.ts';
import type { EncoderBuildOptions, EncoderSpec } from './encoder-spec.ts';
import { torchMaxPool } from './torch-max-pool.ts';

/**
 * pretrainedmodels' SENet as SMP's SENetEncoder uses it for SE-ResNet-50 and SE-ResNeXt-50 32x4d
 * (input_3x3=False, inplanes 64, 1x1 downsample, SE reduction 16).
 */
interface SENetConfig {
  /** 'resnet' strides in conv1 (Caffe style, as pretrainedmodels), 'resnext' in the grouped conv2. */
  block: 'resnet' | 'resnext';
  layers: readonly [number, number, number, number];
  groups: number;
}

const REDUCTION = 16;
const p = (name: string) => `encoder.${name}`;

function squeezeExcite(x: Tensor, name: string): Tensor {
  const channels = channelsOf(x);
  let s = relu(conv2d(adaptiveAvgPool(x, 1), p(`${name}.fc1`), { filters: Math.floor(channels / REDUCTION), kernel: 1 }));
  s = activation(conv2d(s, p(`${name}.fc2`), { filters: channels, kernel: 1 }), 'sigmoid');
  return multiply([x, s]);
}

function bottleneck(x: Tensor, name: string, planes: number, stride: number, config: SENetConfig): Tensor {
  const resnext = config.block === 'resnext';
  const width = resnext ? Math.floor(planes * (4 / 64)) * config.groups : planes;
  const unit = (i: number) => ({ conv: p(`${name}.conv${i}`), bn: p(`${name}.bn${i}`) });
  let y = convBnAct(x, unit(1), { filters: width, kernel: 1, stride: resnext ? 1 : stride });
  y = convBnAct(y, unit(2), { filters: width, kernel: 3, stride: resnext ? stride : 1, padding: 1, groups: config.groups });
  y = batchNorm(conv2d(y, p(`${name}.conv3`), { filters: planes * 4, kernel: 1, bias: false }), p(`${name}.bn3`));
  const shortcut = stride === 1 && channelsOf(x) === planes * 4
    ? x
    : batchNorm(conv2d(x, p(`${name}.downsample.0`), { filters: planes * 4, kernel: 1, stride, bias: false }), p(`${name}.downsample.1`));
  return relu(add([squeezeExcite(y, `${name}.se_module`), shortcut]));
}

function buildSENet(config: SENetConfig, input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  let x = convBnAct(input, { conv: p('layer0.conv1'), bn: p('layer0.bn1') }, { filters: 64, kernel: 7, stride: 2, padding: 3 });
  features.push(x);
  const planes = [64, 128, 256, 512];
  for (let layer = 0; layer < 4 && layer + 2 <= options.depth; layer += 1) {
    // pretrainedmodels keeps Caffe's ceil_mode pool (no padding): its output size depends on the input's parity.
    if (layer === 0) x = torchMaxPool(x, { kernel: 3, stride: 2, ceilMode: true });
    for (let i = 0; i < config.layers[layer]!; i += 1) {
      x = bottleneck(x, `layer${layer + 1}.${i}`, planes[layer]!, i === 0 && layer > 0 ? 2 : 1, config);
    }
    features.push(x);
  }
  return features;
}

function senet(name: string, config: SENetConfig): EncoderSpec {
  return {
    name,
    family: 'senet',
    outChannels: [3, 64, 256, 512, 1024, 2048],
    stageModules: [[], ['layer0.conv1', 'layer0.bn1'], ['layer1'], ['layer2'], ['layer3'], ['layer4']],
    unusedModules: ['last_linear'],
    // SMP's SENetEncoder refuses make_dilated, so PAN and DeepLabV3+ cannot use it.
    supportsDilation: false,
    build: (input, options) => buildSENet(config, input, options),
  };
}

export const senetEncoders: readonly EncoderSpec[] = [
  senet('se_resnet50', { block: 'resnet', layers: [3, 4, 6, 3], groups: 1 }),
  senet('se_resnext50_32x4d', { block: 'resnext', layers: [3, 4, 6, 3], groups: 32 }),
];
