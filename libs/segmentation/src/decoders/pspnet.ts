import { adaptiveAvgPool, concat, conv2d, relu, resizeLike, type Tensor } from '../graph/ops.ts';
import { conv2dReLU } from './blocks.ts';

export interface PspOptions {
  outChannels: number;
  useBatchNorm: boolean;
}

const POOL_SIZES = [1, 2, 3, 6] as const;

/** SMP's PSPBlock: adaptive pool, 1x1 conv(-bn)-relu, bilinear back (align_corners). */
function pspBlock(x: Tensor, name: string, filters: number, poolSize: number, useBatchNorm: boolean): Tensor {
  const pooled = adaptiveAvgPool(x, poolSize);
  // PyTorch's BatchNorm refuses a 1x1 map in training, so SMP drops it for the global bin.
  const y = useBatchNorm && poolSize !== 1
    ? conv2dReLU(pooled, `${name}.pool.1`, { filters, kernel: 1 })
    : relu(conv2d(pooled, `${name}.pool.1.0`, { filters, kernel: 1, bias: true }));
  return resizeLike(y, x, true);
}

export function pspDecoder(features: Tensor[], o: PspOptions): Tensor {
  const x = features[features.length - 1]!;
  const channels = x.shape[3] as number;
  const branches = POOL_SIZES.map((size, i) =>
    pspBlock(x, `decoder.psp.blocks.${i}`, Math.floor(channels / POOL_SIZES.length), size, o.useBatchNorm),
  );
  const merged = concat([...branches, x]);
  return o.useBatchNorm
    ? conv2dReLU(merged, 'decoder.conv', { filters: o.outChannels, kernel: 1 })
    : relu(conv2d(merged, 'decoder.conv.0', { filters: o.outChannels, kernel: 1, bias: true }));
}
