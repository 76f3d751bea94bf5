import * as tfl from '@tensorflow/tfjs-layers';
import { activation, batchNorm, concat, convBnAct, type Tensor } from '../graph/ops.ts';
import type { EncoderBuildOptions, EncoderSpec } from './encoder-spec.ts';
import { torchMaxPool } from './torch-max-pool.ts';

/**
 * pretrainedmodels' Inception-v4 as SMP's InceptionV4Encoder uses it: every 3x3 conv and every
 * max pool padded by 1 (SMP's change, so maps halve exactly), stages cut at features[3, 5, 9, 15],
 * no dilated mode (SMP refuses it).
 */
const BN_EPSILON = 1e-3;
const STAGE_ENDS = [3, 5, 9, 15, 22] as const;

type Kernel = 1 | 3 | [number, number];

/** BasicConv2d: conv (no bias) -> BN (eps 1e-3) -> ReLU; `name` is the module path below `encoder.features`. */
function basicConv(x: Tensor, name: string, filters: number, kernel: Kernel, stride = 1): Tensor {
  const path = `encoder.features.${name}`;
  if (typeof kernel === 'number') {
    return convBnAct(x, { conv: `${path}.conv`, bn: `${path}.bn` }, { filters, kernel, stride, padding: kernel === 3 ? 1 : 0 }, 'relu', BN_EPSILON);
  }
  // The 1x7 / 7x1 / 1x3 / 3x1 convs pad (k-1)/2 on their long side only: TensorFlow's 'same' at stride 1.
  const conv = tfl.layers.conv2d({ name: `${path}.conv`, filters, kernelSize: kernel, padding: 'same', useBias: false, kernelInitializer: 'heUniform' });
  return activation(batchNorm(conv.apply(x) as Tensor, `${path}.bn`, BN_EPSILON), 'relu');
}

const maxPool = (x: Tensor) => torchMaxPool(x, { kernel: 3, stride: 2, padding: 1 });

/** `AvgPool2d(3, 1, padding=1, count_include_pad=False)`: TensorFlow's 'same' average also divides by the valid count. */
const avgPool = (x: Tensor) => tfl.layers.averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(x) as Tensor;

/** A chain of BasicConv2d modules `name.0`, `name.1`, ... */
function chain(x: Tensor, name: string, convs: readonly [number, Kernel, number?][]): Tensor {
  return convs.reduce((y, [filters, kernel, stride], i) => basicConv(y, `${name}.${i}`, filters, kernel, stride), x);
}

const inceptionA = (x: Tensor, n: string) => concat([
  basicConv(x, `${n}.branch0`, 96, 1),
  chain(x, `${n}.branch1`, [[64, 1], [96, 3]]),
  chain(x, `${n}.branch2`, [[64, 1], [96, 3], [96, 3]]),
  basicConv(avgPool(x), `${n}.branch3.1`, 96, 1),
]);

const reductionA = (x: Tensor, n: string) => concat([
  basicConv(x, `${n}.branch0`, 384, 3, 2),
  chain(x, `${n}.branch1`, [[192, 1], [224, 3], [256, 3, 2]]),
  maxPool(x),
]);

const inceptionB = (x: Tensor, n: string) => concat([
  basicConv(x, `${n}.branch0`, 384, 1),
  chain(x, `${n}.branch1`, [[192, 1], [224, [1, 7]], [256, [7, 1]]]),
  chain(x, `${n}.branch2`, [[192, 1], [192, [7, 1]], [224, [1, 7]], [224, [7, 1]], [256, [1, 7]]]),
  basicConv(avgPool(x), `${n}.branch3.1`, 128, 1),
]);

const reductionB = (x: Tensor, n: string) => concat([
  chain(x, `${n}.branch0`, [[192, 1], [192, 3, 2]]),
  chain(x, `${n}.branch1`, [[256, 1], [256, [1, 7]], [320, [7, 1]], [320, 3, 2]]),
  maxPool(x),
]);

function inceptionC(x: Tensor, n: string): Tensor {
  const x1 = basicConv(x, `${n}.branch1_0`, 384, 1);
  let x2 = basicConv(x, `${n}.branch2_0`, 384, 1);
  x2 = basicConv(basicConv(x2, `${n}.branch2_1`, 448, [3, 1]), `${n}.branch2_2`, 512, [1, 3]);
  return concat([
    basicConv(x, `${n}.branch0`, 256, 1),
    basicConv(x1, `${n}.branch1_1a`, 256, [1, 3]), basicConv(x1, `${n}.branch1_1b`, 256, [3, 1]),
    basicConv(x2, `${n}.branch2_3a`, 256, [1, 3]), basicConv(x2, `${n}.branch2_3b`, 256, [3, 1]),
    basicConv(avgPool(x), `${n}.branch3.1`, 256, 1),
  ]);
}

/** `features` in order: index -> module. */
const FEATURES: readonly ((x: Tensor, name: string) => Tensor)[] = [
  (x, n) => basicConv(x, n, 32, 3, 2),
  (x, n) => basicConv(x, n, 32, 3),
  (x, n) => basicConv(x, n, 64, 3),
  (x, n) => concat([maxPool(x), basicConv(x, `${n}.conv`, 96, 3, 2)]), // Mixed_3a
  (x, n) => concat([chain(x, `${n}.branch0`, [[64, 1], [96, 3]]), chain(x, `${n}.branch1`, [[64, 1], [64, [1, 7]], [64, [7, 1]], [96, 3]])]), // Mixed_4a
  (x, n) => concat([basicConv(x, `${n}.conv`, 192, 3, 2), maxPool(x)]), // Mixed_5a
  inceptionA, inceptionA, inceptionA, inceptionA,
  reductionA,
  inceptionB, inceptionB, inceptionB, inceptionB, inceptionB, inceptionB, inceptionB,
  reductionB,
  inceptionC, inceptionC, inceptionC,
];

function buildInceptionV4(input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  let x = input;
  for (let stage = 1; stage <= options.depth; stage += 1) {
    for (let i = stage === 1 ? 0 : STAGE_ENDS[stage - 2]!; i < STAGE_ENDS[stage - 1]!; i += 1) x = FEATURES[i]!(x, `${i}`);
    features.push(x);
  }
  return features;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `features.${from + i}`);

export const inceptionEncoders: readonly EncoderSpec[] = [
  {
    name: 'inceptionv4',
    family: 'inception',
    outChannels: [3, 64, 192, 384, 1024, 1536],
    stageModules: [[], range(0, 3), range(3, 5), range(5, 9), range(9, 15), range(15, 22)],
    unusedModules: ['last_linear'],
    supportsDilation: false,
    build: buildInceptionV4,
  },
];
