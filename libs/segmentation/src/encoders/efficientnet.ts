import {
  activation, adaptiveAvgPool, add, batchNorm, conv2d, convBnAct, multiply, type Padding, type Tensor,
} from '../graph/ops.ts';
import { dilated, type EncoderBuildOptions, type EncoderSpec } from './encoder-spec.ts';

/**
 * efficientnet-pytorch (0.7.x) as SMP's EfficientNetEncoder uses it. Its convs are
 * Conv2dStaticSamePadding: TensorFlow 'same' padding computed once, when the model is built, for
 * the variant's nominal image size and the stride-reduced size at each block, and then applied
 * to any input. So the padding here depends on the variant, never on the input, as in PyTorch.
 */
interface Variant {
  width: number;
  depth: number;
  /** The nominal resolution the static padding is computed for. */
  resolution: number;
  outChannels: readonly number[];
  /** SMP's stage_idxs: stages 2, 3 and 4 end after these many blocks; stage 5 takes the rest. */
  stageEnds: readonly [number, number, number];
}

/** The B0 block strings: kernel, repeats, in, out, expansion, stride (all with SE ratio 0.25). */
const BLOCKS = [
  [3, 1, 32, 16, 1, 1], [3, 2, 16, 24, 6, 2], [5, 2, 24, 40, 6, 2], [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1], [5, 4, 112, 192, 6, 2], [3, 1, 192, 320, 6, 1],
] as const;
const SE_RATIO = 0.25;
const BN_EPSILON = 1e-3;

const VARIANTS: Readonly<Record<string, Variant>> = {
  'efficientnet-b0': { width: 1.0, depth: 1.0, resolution: 224, outChannels: [3, 32, 24, 40, 112, 320], stageEnds: [3, 5, 9] },
  'efficientnet-b1': { width: 1.0, depth: 1.1, resolution: 240, outChannels: [3, 32, 24, 40, 112, 320], stageEnds: [5, 8, 16] },
  'efficientnet-b2': { width: 1.1, depth: 1.2, resolution: 260, outChannels: [3, 32, 24, 48, 120, 352], stageEnds: [5, 8, 16] },
  'efficientnet-b3': { width: 1.2, depth: 1.4, resolution: 300, outChannels: [3, 40, 32, 48, 136, 384], stageEnds: [5, 8, 18] },
  'efficientnet-b4': { width: 1.4, depth: 1.8, resolution: 380, outChannels: [3, 48, 32, 56, 160, 448], stageEnds: [6, 10, 22] },
  'efficientnet-b5': { width: 1.6, depth: 2.2, resolution: 456, outChannels: [3, 48, 40, 64, 176, 512], stageEnds: [8, 13, 27] },
  'efficientnet-b6': { width: 1.8, depth: 2.6, resolution: 528, outChannels: [3, 56, 40, 72, 200, 576], stageEnds: [9, 15, 31] },
  'efficientnet-b7': { width: 2.0, depth: 3.1, resolution: 600, outChannels: [3, 64, 48, 80, 224, 640], stageEnds: [11, 18, 38] },
};

const p = (name: string) => `encoder.${name}`;

/** efficientnet-pytorch's round_filters (divisor 8, never more than 10% below the scaled width). */
function roundFilters(filters: number, width: number): number {
  const scaled = filters * width;
  let rounded = Math.max(8, Math.floor(Math.trunc(scaled + 4) / 8) * 8);
  if (rounded < 0.9 * scaled) rounded += 8;
  return rounded;
}

/** One block per entry: the repeats of each block string scaled by the depth coefficient. */
function blockPlan(v: Variant) {
  return BLOCKS.flatMap(([kernel, repeats, inp, out, expansion, stride]) => {
    const cin = roundFilters(inp, v.width);
    const cout = roundFilters(out, v.width);
    return Array.from({ length: Math.ceil(v.depth * repeats) }, (_, r) => ({
      kernel, expansion, cin: r === 0 ? cin : cout, cout, stride: r === 0 ? stride : 1,
    }));
  });
}

/** Conv2dStaticSamePadding's [top, bottom, left, right] for a square map of `size` at build time. */
function staticSamePadding(size: number, kernel: number, stride: number): Padding {
  const pad = Math.max((Math.ceil(size / stride) - 1) * stride + kernel - size, 0);
  const before = Math.floor(pad / 2);
  return [before, pad - before, before, pad - before];
}

type Block = ReturnType<typeof blockPlan>[number];

/** MBConv: expand, depthwise, squeeze-excite, project, identity skip (drop connect is off at inference). */
function mbConv(x: Tensor, index: number, b: Block, size: number, dilation: number | undefined): Tensor {
  const name = (m: string) => p(`_blocks.${index}.${m}`);
  const mid = b.cin * b.expansion;
  let y = x;
  if (b.expansion !== 1) y = convBnAct(y, { conv: name('_expand_conv'), bn: name('_bn0') }, { filters: mid, kernel: 1 }, 'swish', BN_EPSILON);
  // SMP's dilated mode sets stride 1 and symmetric padding and drops the static padding.
  const depthwise = dilation && dilation > 1
    ? dilated({ filters: mid, kernel: b.kernel, stride: b.stride, groups: mid }, dilation)
    : { filters: mid, kernel: b.kernel, stride: b.stride, groups: mid, padding: staticSamePadding(size, b.kernel, b.stride) };
  y = convBnAct(y, { conv: name('_depthwise_conv'), bn: name('_bn1') }, depthwise, 'swish', BN_EPSILON);
  const squeezed = Math.max(1, Math.floor(b.cin * SE_RATIO));
  let s = activation(conv2d(adaptiveAvgPool(y, 1), name('_se_reduce'), { filters: squeezed, kernel: 1 }), 'swish');
  s = activation(conv2d(s, name('_se_expand'), { filters: mid, kernel: 1 }), 'sigmoid');
  y = multiply([y, s]);
  y = batchNorm(conv2d(y, name('_project_conv'), { filters: b.cout, kernel: 1, bias: false }), name('_bn2'), BN_EPSILON);
  // The skip follows the block's configured stride, so dilated blocks keep their wiring.
  return b.stride === 1 && b.cin === b.cout ? add([y, x]) : y;
}

function buildEfficientNet(v: Variant, input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  const stem = { filters: roundFilters(32, v.width), kernel: 3, stride: 2, padding: staticSamePadding(v.resolution, 3, 2) };
  let x = convBnAct(input, { conv: p('_conv_stem'), bn: p('_bn0') }, stem, 'swish', BN_EPSILON);
  features.push(x);
  const blocks = blockPlan(v);
  const ends = [...v.stageEnds, blocks.length];
  let size = Math.ceil(v.resolution / 2);
  for (let i = 0; i < blocks.length; i += 1) {
    const stage = 2 + ends.filter((end) => i >= end).length;
    if (stage > options.depth) break;
    x = mbConv(x, i, blocks[i]!, size, options.dilations[stage]);
    size = Math.ceil(size / blocks[i]!.stride);
    if (i === ends[stage - 2]! - 1) features.push(x);
  }
  return features;
}

function stageModules(v: Variant): string[][] {
  const ends = [0, ...v.stageEnds, blockPlan(v).length];
  const blocks = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `_blocks.${from + i}`);
  return [[], ['_conv_stem', '_bn0'], ...[0, 1, 2, 3].map((s) => blocks(ends[s]!, ends[s + 1]!))];
}

export const efficientnetEncoders: readonly EncoderSpec[] = Object.entries(VARIANTS).map(([name, v]) => ({
  name,
  family: 'efficientnet',
  outChannels: v.outChannels,
  stageModules: stageModules(v),
  // SMP never runs the classification head's conv and BN; `_fc` appears in efficientnet-pytorch's own files.
  unusedModules: ['_conv_head', '_bn1', '_fc'],
  supportsDilation: true,
  build: (input, options) => buildEfficientNet(v, input, options),
}));
