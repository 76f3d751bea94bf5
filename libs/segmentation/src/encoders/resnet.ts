import { add, batchNorm, channelsOf, conv2d, convBnAct, maxPoolAfterRelu, relu, type Tensor } from '../graph/ops.ts';
import { dilated, type EncoderBuildOptions, type EncoderSpec } from './encoder-spec.ts';

/** torchvision's ResNet / ResNeXt as SMP's ResNetEncoder uses them (fc and avgpool dropped). */
interface ResNetConfig {
  block: 'basic' | 'bottleneck';
  layers: readonly [number, number, number, number];
  groups?: number;
  widthPerGroup?: number;
}

const p = (name: string) => `encoder.${name}`;

function basicBlock(x: Tensor, name: string, planes: number, stride: number, dilation: number | undefined): Tensor {
  const c1 = dilated({ filters: planes, kernel: 3, stride, padding: 1 }, dilation);
  const c2 = dilated({ filters: planes, kernel: 3, padding: 1 }, dilation);
  let y = convBnAct(x, { conv: p(`${name}.conv1`), bn: p(`${name}.bn1`) }, c1);
  y = batchNorm(conv2d(y, p(`${name}.conv2`), { ...c2, bias: false }), p(`${name}.bn2`));
  const shortcut = downsample(x, name, planes, stride, dilation);
  return relu(add([y, shortcut]));
}

function bottleneck(
  x: Tensor, name: string, planes: number, stride: number, dilation: number | undefined, groups: number, widthPerGroup: number,
): Tensor {
  const width = Math.floor(planes * (widthPerGroup / 64)) * groups;
  let y = convBnAct(x, { conv: p(`${name}.conv1`), bn: p(`${name}.bn1`) }, dilated({ filters: width, kernel: 1 }, dilation));
  y = convBnAct(
    y,
    { conv: p(`${name}.conv2`), bn: p(`${name}.bn2`) },
    dilated({ filters: width, kernel: 3, stride, padding: 1, groups }, dilation),
  );
  y = batchNorm(conv2d(y, p(`${name}.conv3`), { ...dilated({ filters: planes * 4, kernel: 1 }, dilation), bias: false }), p(`${name}.bn3`));
  const shortcut = downsample(x, name, planes * 4, stride, dilation);
  return relu(add([y, shortcut]));
}

function downsample(x: Tensor, name: string, filters: number, stride: number, dilation: number | undefined): Tensor {
  if (stride === 1 && channelsOf(x) === filters) return x;
  const o = dilated({ filters, kernel: 1, stride, bias: false }, dilation);
  return batchNorm(conv2d(x, p(`${name}.downsample.0`), o), p(`${name}.downsample.1`));
}

function buildResNet(config: ResNetConfig, input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  let x = convBnAct(input, { conv: p('conv1'), bn: p('bn1') }, dilated({ filters: 64, kernel: 7, stride: 2, padding: 3 }, options.dilations[1]));
  features.push(x);
  const planes = [64, 128, 256, 512];
  for (let layer = 0; layer < 4; layer += 1) {
    const stage = layer + 2;
    if (stage > options.depth) break;
    if (layer === 0) x = maxPoolAfterRelu(x, { kernel: 3, stride: 2, padding: 1 });
    const dilation = options.dilations[stage];
    for (let i = 0; i < config.layers[layer]!; i += 1) {
      const stride = i === 0 && layer > 0 ? 2 : 1;
      const name = `layer${layer + 1}.${i}`;
      x = config.block === 'basic'
        ? basicBlock(x, name, planes[layer]!, stride, dilation)
        : bottleneck(x, name, planes[layer]!, stride, dilation, config.groups ?? 1, config.widthPerGroup ?? 64);
    }
    features.push(x);
  }
  return features;
}

function resnet(name: string, config: ResNetConfig): EncoderSpec {
  const wide = config.block === 'bottleneck';
  return {
    name,
    family: name.startsWith('resnext') ? 'resnext' : 'resnet',
    outChannels: wide ? [3, 64, 256, 512, 1024, 2048] : [3, 64, 64, 128, 256, 512],
    stageModules: [[], ['conv1', 'bn1'], ['layer1'], ['layer2'], ['layer3'], ['layer4']],
    unusedModules: ['fc'],
    supportsDilation: true,
    build: (input, options) => buildResNet(config, input, options),
  };
}

export const resnetEncoders: readonly EncoderSpec[] = [
  resnet('resnet18', { block: 'basic', layers: [2, 2, 2, 2] }),
  resnet('resnet34', { block: 'basic', layers: [3, 4, 6, 3] }),
  resnet('resnet50', { block: 'bottleneck', layers: [3, 4, 6, 3] }),
  resnet('resnet101', { block: 'bottleneck', layers: [3, 4, 23, 3] }),
  resnet('resnet152', { block: 'bottleneck', layers: [3, 8, 36, 3] }),
  resnet('resnext50_32x4d', { block: 'bottleneck', layers: [3, 4, 6, 3], groups: 32, widthPerGroup: 4 }),
];
