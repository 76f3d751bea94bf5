import { batchNorm, conv2d, maxPool, relu, type Tensor } from '../graph/ops.ts';
import type { EncoderBuildOptions, EncoderSpec } from './encoder-spec.ts';

/** torchvision VGG configurations; 'M' is a 2x2 max pool. */
const CONFIGS = {
  vgg11_bn: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  vgg13_bn: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  vgg16_bn: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  vgg19_bn: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
} as const satisfies Record<string, readonly (number | 'M')[]>;

type VggName = keyof typeof CONFIGS;

/**
 * SMP's VGGEncoder cuts `features` before every max pool, so its first feature is the
 * full-resolution conv output (not the input) and the last stage is the final pool alone.
 */
function stagesOf(config: readonly (number | 'M')[]): { index: number; item: number | 'M' }[][] {
  const stages: { index: number; item: number | 'M' }[][] = [[]];
  let index = 0;
  for (const item of config) {
    if (item === 'M') stages.push([]);
    stages[stages.length - 1]!.push({ index, item });
    index += item === 'M' ? 1 : 3;
  }
  return stages;
}

function buildVgg(name: VggName, input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [];
  let x = input;
  stagesOf(CONFIGS[name]).slice(0, options.depth + 1).forEach((stage) => {
    for (const { index, item } of stage) {
      if (item === 'M') {
        x = maxPool(x, 2, 2);
      } else {
        x = conv2d(x, `encoder.features.${index}`, { filters: item, kernel: 3, padding: 1 });
        x = relu(batchNorm(x, `encoder.features.${index + 1}`));
      }
    }
    features.push(x);
  });
  return features;
}

function vgg(name: VggName): EncoderSpec {
  const stages = stagesOf(CONFIGS[name]);
  const modules = stages.map((stage) =>
    stage.flatMap(({ index, item }) => (item === 'M' ? [] : [`features.${index}`, `features.${index + 1}`])),
  );
  return {
    name,
    family: 'vgg',
    outChannels: [64, 128, 256, 512, 512, 512],
    // Stage 0 holds weights in VGG; it always runs, so only stages 1..5 can be cut by depth.
    stageModules: [[], ...modules.slice(1)],
    unusedModules: ['classifier'],
    supportsDilation: false,
    build: (input, options) => buildVgg(name, input, options),
  };
}

export const vggEncoders: readonly EncoderSpec[] = (Object.keys(CONFIGS) as VggName[]).map(vgg);
