import { add, batchNorm, conv2d, convBnAct, relu, type Tensor } from '../graph/ops.ts';
import type { EncoderBuildOptions, EncoderSpec } from './encoder-spec.ts';
import { torchMaxPool } from './torch-max-pool.ts';

/**
 * pretrainedmodels' Xception as SMP's XceptionEncoder uses it: conv1 and conv2 padded by 1 so the
 * maps halve exactly, no ReLU after the last BN (bn4), no dilated mode (SMP refuses it: the blocks
 * downsample with max pools).
 */
const p = (name: string) => `encoder.${name}`;

function separable(x: Tensor, name: string, filters: number): Tensor {
  const depthwise = conv2d(x, p(`${name}.conv1`), { filters: x.shape[3] as number, kernel: 3, padding: 1, groups: x.shape[3] as number, bias: false });
  return conv2d(depthwise, p(`${name}.pointwise`), { filters, kernel: 1, bias: false });
}

interface BlockConfig {
  filters: number;
  reps: number;
  stride: number;
  startWithRelu: boolean;
  growFirst: boolean;
}

/**
 * Block.rep is a Sequential of (ReLU, SeparableConv2d, BatchNorm2d) triples, the first ReLU dropped
 * when the block does not start with one; module indices count the ReLUs, so the names follow them.
 */
function block(x: Tensor, name: string, c: BlockConfig): Tensor {
  const inFilters = x.shape[3] as number;
  const widths: number[] = [];
  for (let i = 0; i < c.reps; i += 1) widths.push(c.growFirst || i === c.reps - 1 ? c.filters : inFilters);
  let index = c.startWithRelu ? 0 : -1;
  let y = x;
  for (const width of widths) {
    if (index >= 0) y = relu(y);
    y = separable(y, `${name}.rep.${index + 1}`, width);
    y = batchNorm(y, p(`${name}.rep.${index + 2}`));
    index += 3;
  }
  // The pool follows a batch norm, so its padding must be -inf, not zero.
  if (c.stride !== 1) y = torchMaxPool(y, { kernel: 3, stride: c.stride, padding: 1 });
  const skip = c.filters !== inFilters || c.stride !== 1
    ? batchNorm(conv2d(x, p(`${name}.skip`), { filters: c.filters, kernel: 1, stride: c.stride, bias: false }), p(`${name}.skipbn`))
    : x;
  return add([y, skip]);
}

function buildXception(input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  let x = convBnAct(input, { conv: p('conv1'), bn: p('bn1') }, { filters: 32, kernel: 3, stride: 2, padding: 1 });
  x = convBnAct(x, { conv: p('conv2'), bn: p('bn2') }, { filters: 64, kernel: 3, padding: 1 });
  features.push(x);
  if (options.depth < 2) return features;
  x = block(x, 'block1', { filters: 128, reps: 2, stride: 2, startWithRelu: false, growFirst: true });
  features.push(x);
  if (options.depth < 3) return features;
  x = block(x, 'block2', { filters: 256, reps: 2, stride: 2, startWithRelu: true, growFirst: true });
  features.push(x);
  if (options.depth < 4) return features;
  x = block(x, 'block3', { filters: 728, reps: 2, stride: 2, startWithRelu: true, growFirst: true });
  for (let i = 4; i <= 11; i += 1) x = block(x, `block${i}`, { filters: 728, reps: 3, stride: 1, startWithRelu: true, growFirst: true });
  features.push(x);
  if (options.depth < 5) return features;
  x = block(x, 'block12', { filters: 1024, reps: 2, stride: 2, startWithRelu: true, growFirst: false });
  x = relu(batchNorm(separable(x, 'conv3', 1536), p('bn3')));
  features.push(batchNorm(separable(x, 'conv4', 2048), p('bn4')));
  return features;
}

const blocks = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `block${from + i}`);

export const xceptionEncoders: readonly EncoderSpec[] = [
  {
    name: 'xception',
    family: 'xception',
    outChannels: [3, 64, 128, 256, 728, 2048],
    stageModules: [[], ['conv1', 'bn1', 'conv2', 'bn2'], ['block1'], ['block2'], blocks(3, 11), ['block12', 'conv3', 'bn3', 'conv4', 'bn4']],
    // SMP deletes `fc`; pretrainedmodels' own checkpoints call it `last_linear`.
    unusedModules: ['fc', 'last_linear'],
    supportsDilation: false,
    build: buildXception,
  },
];
