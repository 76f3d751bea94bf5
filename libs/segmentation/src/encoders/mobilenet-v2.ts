import { add, convBnAct, type Tensor } from '../graph/ops.ts';
import { dilated, type EncoderBuildOptions, type EncoderSpec } from './encoder-spec.ts';

/** torchvision MobileNetV2 inverted-residual settings: expansion, channels, repeats, stride. */
const SETTINGS = [
  [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
] as const;

/** SMP's stages: features[:2], [2:4], [4:7], [7:14], [14:]; the index is the first feature of stages 2..5. */
const STAGE_STARTS = [2, 4, 7, 14] as const;

const p = (name: string) => `encoder.features.${name}`;

function stageOf(featureIndex: number): number {
  return 1 + STAGE_STARTS.filter((start) => featureIndex >= start).length;
}

function invertedResidual(
  x: Tensor, index: number, expansion: number, out: number, stride: number, dilation: number | undefined,
): Tensor {
  const inp = x.shape[3] as number;
  const hidden = Math.round(inp * expansion);
  let y = x;
  let i = 0;
  const unit = (o: { filters: number; kernel: number; stride?: number; padding?: number; groups?: number }) =>
    convBnAct(y, { conv: p(`${index}.conv.${i}.0`), bn: p(`${index}.conv.${i}.1`) }, dilated(o, dilation), 'relu6');
  if (expansion !== 1) {
    y = unit({ filters: hidden, kernel: 1 });
    i += 1;
  }
  y = unit({ filters: hidden, kernel: 3, stride, padding: 1, groups: hidden });
  y = convBnAct(y, { conv: p(`${index}.conv.${i + 1}`), bn: p(`${index}.conv.${i + 2}`) }, dilated({ filters: out, kernel: 1 }, dilation), 'linear');
  // The residual is decided by the original stride: SMP's dilation keeps the block's wiring.
  return stride === 1 && inp === out ? add([x, y]) : y;
}

function buildMobileNetV2(input: Tensor, options: EncoderBuildOptions): Tensor[] {
  const features: Tensor[] = [input];
  let x = input;
  let index = 0;
  const emit = () => {
    const stage = stageOf(index + 1);
    if (stage !== stageOf(index) || index === 18) features.push(x);
  };
  const stem = dilated({ filters: 32, kernel: 3, stride: 2, padding: 1 }, options.dilations[1]);
  x = convBnAct(x, { conv: p('0.0'), bn: p('0.1') }, stem, 'relu6');
  index = 1;
  for (const [expansion, out, repeats, stride] of SETTINGS) {
    for (let r = 0; r < repeats; r += 1) {
      if (stageOf(index) > options.depth) return features;
      x = invertedResidual(x, index, expansion, out, r === 0 ? stride : 1, options.dilations[stageOf(index)]);
      emit();
      index += 1;
    }
  }
  x = convBnAct(x, { conv: p('18.0'), bn: p('18.1') }, dilated({ filters: 1280, kernel: 1 }, options.dilations[5]), 'relu6');
  emit();
  return features;
}

function stageModules(): string[][] {
  const stages: string[][] = [[], [], [], [], [], []];
  for (let i = 0; i <= 18; i += 1) stages[stageOf(i)]!.push(`features.${i}`);
  return stages;
}

export const mobilenetEncoders: readonly EncoderSpec[] = [
  {
    name: 'mobilenet_v2',
    family: 'mobilenet',
    outChannels: [3, 16, 24, 32, 96, 1280],
    stageModules: stageModules(),
    unusedModules: ['classifier'],
    supportsDilation: true,
    build: buildMobileNetV2,
  },
];
