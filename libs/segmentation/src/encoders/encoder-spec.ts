import type { Tensor } from '../graph/ops.ts';

export interface EncoderBuildOptions {
  /** Number of downsampling stages used, 3..5 (SMP's encoder_depth). */
  depth: number;
  /** Per stage (1..5), the dilation that replaces its stride: SMP's `make_dilated` for output stride 16/8. */
  dilations: Readonly<Record<number, number>>;
}

/** One encoder in SMP's layout: how to build it and how its PyTorch state_dict is laid out. */
export interface EncoderSpec {
  name: string;
  family: string;
  /** SMP's `out_channels`: channels of features[0..5]. */
  outChannels: readonly number[];
  /** PyTorch module prefixes (below `encoder.`) that each stage 1..5 owns, index 0 unused. */
  stageModules: readonly (readonly string[])[];
  /** Modules present in the state_dict but unused by the forward pass (classifier heads). */
  unusedModules: readonly string[];
  /** Whether SMP can turn strides into dilations (needed by PAN and DeepLabV3+). */
  supportsDilation: boolean;
  build(input: Tensor, options: EncoderBuildOptions): Tensor[];
}

/** SMP's replace_strides_with_dilation: every conv of a dilated stage gets stride 1 and padding (k//2)*d. */
export function dilated<T extends { kernel: number; stride?: number; padding?: unknown; dilation?: number }>(
  o: T,
  dilation: number | undefined,
): T {
  if (!dilation || dilation === 1) return o;
  return { ...o, stride: 1, dilation, padding: Math.floor(o.kernel / 2) * dilation };
}
