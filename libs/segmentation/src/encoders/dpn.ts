import { add, batchNorm, concat, conv2d, convBnAct, relu, type ConvOptions, type Tensor } from '../graph/ops.ts';
import { channelSlice } from './channel-slice.ts';
import { dilated, type EncoderBuildOptions, type EncoderSpec } from './encoder-spec.ts';
import { torchMaxPool } from './torch-max-pool.ts';

/**
 * pretrainedmodels' Dual Path Networks as SMP's DPNEncoder uses them. Each block carries a
 * residual path and a densely growing path; a stage's skip feature is ReLU(cat(residual, dense)),
 * and the last stage ends with conv5_bn_ac (BN + ReLU over the concatenation).
 */
interface DPNConfig {
  small: boolean;
  initFeatures: number;
  kR: number;
  groups: number;
  kSec: readonly [number, number, number, number];
  incSec: readonly [number, number, number, number];
  outChannels: readonly number[];
}

const BN_EPSILON = 1e-3;
const p = (name: string) => `encoder.features.${name}`;

interface Paths {
  residual: Tensor;
  dense: Tensor;
}

/** BnActConv2d: BN (eps 1e-3) -> ReLU -> conv without bias. */
function bnActConv(x: Tensor, name: string, o: ConvOptions): Tensor {
  return conv2d(relu(batchNorm(x, p(`${name}.bn`), BN_EPSILON)), p(`${name}.conv`), { bias: false, ...o });
}

function dualPathBlock(
  input: Tensor | Paths, name: string, r: number, bw: number, inc: number, groups: number,
  type: 'proj' | 'down' | 'normal', dilation: number | undefined,
): Paths {
  const x = 'residual' in input ? concat([input.residual, input.dense]) : input;
  const stride = type === 'down' ? 2 : 1;
  let shortcut: Paths;
  if (type === 'normal') {
    shortcut = input as Paths;
  } else {
    const s = bnActConv(x, `${name}.c1x1_w_s${stride}`, dilated({ filters: bw + 2 * inc, kernel: 1, stride }, dilation));
    shortcut = { residual: channelSlice(s, 0, bw), dense: channelSlice(s, bw, 2 * inc) };
  }
  let y = bnActConv(x, `${name}.c1x1_a`, dilated({ filters: r, kernel: 1 }, dilation));
  y = bnActConv(y, `${name}.c3x3_b`, dilated({ filters: r, kernel: 3, stride, padding: 1, groups }, dilation));
  y = bnActConv(y, `${name}.c1x1_c`, dilated({ filters: bw + inc, kernel: 1 }, dilation));
  return {
    residual: add([shortcut.residual, channelSlice(y, 0, bw)]),
    dense: concat([shortcut.dense, channelSlice(y, bw, inc)]),
  };
}

function buildDPN(c: DPNConfig, input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  const kernel = c.small ? 3 : 7;
  const stem = convBnAct(
    input, { conv: p('conv1_1.conv'), bn: p('conv1_1.bn') },
    { filters: c.initFeatures, kernel, stride: 2, padding: Math.floor(kernel / 2) }, 'relu', BN_EPSILON,
  );
  features.push(stem);
  let x: Tensor | Paths = torchMaxPool(stem, { kernel: 3, stride: 2, padding: 1 });
  const bwFactor = c.small ? 1 : 4;
  for (let stage = 2; stage <= options.depth; stage += 1) {
    const bw = 64 * 2 ** (stage - 2) * bwFactor;
    const r = Math.floor((c.kR * bw) / (64 * bwFactor));
    const inc = c.incSec[stage - 2]!;
    for (let i = 1; i <= c.kSec[stage - 2]!; i += 1) {
      const type = i > 1 ? 'normal' : stage === 2 ? 'proj' : 'down';
      x = dualPathBlock(x, `conv${stage}_${i}`, r, bw, inc, c.groups, type, options.dilations[stage]);
    }
    const paths = x as Paths;
    const merged = concat([paths.residual, paths.dense]);
    features.push(stage === 5 ? relu(batchNorm(merged, p('conv5_bn_ac.bn'), BN_EPSILON)) : relu(merged));
  }
  return features;
}

function stageModules(c: DPNConfig): string[][] {
  const blocks = (stage: number) => Array.from({ length: c.kSec[stage - 2]! }, (_, i) => `features.conv${stage}_${i + 1}`);
  return [[], ['features.conv1_1'], blocks(2), blocks(3), blocks(4), [...blocks(5), 'features.conv5_bn_ac']];
}

function dpn(name: string, c: DPNConfig): EncoderSpec {
  return {
    name,
    family: 'dpn',
    outChannels: c.outChannels,
    stageModules: stageModules(c),
    // pretrainedmodels names the 1x1-conv classifier `last_linear` (SMP deletes it); older releases `classifier`.
    unusedModules: ['last_linear', 'classifier'],
    supportsDilation: true,
    build: (input, options) => buildDPN(c, input, options),
  };
}

export const dpnEncoders: readonly EncoderSpec[] = [
  dpn('dpn68', { small: true, initFeatures: 10, kR: 128, groups: 32, kSec: [3, 4, 12, 3], incSec: [16, 32, 32, 64], outChannels: [3, 10, 144, 320, 704, 832] }),
  dpn('dpn92', { small: false, initFeatures: 64, kR: 96, groups: 32, kSec: [3, 4, 20, 3], incSec: [16, 32, 24, 128], outChannels: [3, 64, 336, 704, 1552, 2688] }),
];
