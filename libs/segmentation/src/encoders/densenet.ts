import { avgPool, batchNorm, concat, conv2d, convBnAct, maxPoolAfterRelu, relu, type Tensor } from '../graph/ops.ts';
import type { EncoderBuildOptions, EncoderSpec } from './encoder-spec.ts';

/** torchvision DenseNet (bn_size 4) as SMP's DenseNetEncoder uses it. */
interface DenseNetConfig {
  growth: number;
  blocks: readonly [number, number, number, number];
  initFeatures: number;
}

const p = (name: string) => `encoder.features.${name}`;

function denseLayer(x: Tensor, name: string, growth: number): Tensor {
  let y = relu(batchNorm(x, p(`${name}.norm1`)));
  y = convBnAct(y, { conv: p(`${name}.conv1`), bn: p(`${name}.norm2`) }, { filters: 4 * growth, kernel: 1 });
  return conv2d(y, p(`${name}.conv2`), { filters: growth, kernel: 3, padding: 1, bias: false });
}

function denseBlock(x: Tensor, block: number, layers: number, growth: number): Tensor {
  const features = [x];
  for (let i = 1; i <= layers; i += 1) {
    features.push(denseLayer(concat(features), `denseblock${block}.denselayer${i}`, growth));
  }
  return concat(features);
}

/**
 * SMP's TransitionWithSkip: the skip feature is the transition's ReLU output, taken before
 * its 1x1 conv and 2x2 average pool.
 */
function transition(x: Tensor, block: number): { skip: Tensor; out: Tensor } {
  const skip = relu(batchNorm(x, p(`transition${block}.norm`)));
  const channels = Math.floor((x.shape[3] as number) / 2);
  const out = avgPool(conv2d(skip, p(`transition${block}.conv`), { filters: channels, kernel: 1, bias: false }), 2);
  return { skip, out };
}

function buildDenseNet(config: DenseNetConfig, input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  let x = convBnAct(input, { conv: p('conv0'), bn: p('norm0') }, { filters: config.initFeatures, kernel: 7, stride: 2, padding: 3 });
  features.push(x);
  x = maxPoolAfterRelu(x, { kernel: 3, stride: 2, padding: 1 });
  for (let block = 1; block <= 4 && block + 1 <= options.depth; block += 1) {
    x = denseBlock(x, block, config.blocks[block - 1]!, config.growth);
    if (block < 4) {
      const { skip, out } = transition(x, block);
      features.push(skip);
      x = out;
    } else {
      features.push(batchNorm(x, p('norm5')));
    }
  }
  return features;
}

function densenet(name: string, config: DenseNetConfig, outChannels: readonly number[]): EncoderSpec {
  return {
    name,
    family: 'densenet',
    outChannels,
    stageModules: [
      [], ['features.conv0', 'features.norm0'], ['features.denseblock1', 'features.transition1'],
      ['features.denseblock2', 'features.transition2'], ['features.denseblock3', 'features.transition3'],
      ['features.denseblock4', 'features.norm5'],
    ],
    unusedModules: ['classifier'],
    supportsDilation: false,
    build: (input, options) => buildDenseNet(config, input, options),
  };
}

export const densenetEncoders: readonly EncoderSpec[] = [
  densenet('densenet121', { growth: 32, blocks: [6, 12, 24, 16], initFeatures: 64 }, [3, 64, 256, 512, 1024, 1024]),
  densenet('densenet161', { growth: 48, blocks: [6, 12, 36, 24], initFeatures: 96 }, [3, 96, 384, 768, 2112, 2208]),
  densenet('densenet169', { growth: 32, blocks: [6, 12, 32, 32], initFeatures: 64 }, [3, 64, 256, 512, 1280, 1664]),
  densenet('densenet201', { growth: 32, blocks: [6, 12, 48, 32], initFeatures: 64 }, [3, 64, 256, 512, 1792, 1920]),
];
