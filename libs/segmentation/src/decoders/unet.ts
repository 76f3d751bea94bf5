import { concat, upsampleNearest, type Tensor } from '../graph/ops.ts';
import { conv2dReLU } from './blocks.ts';

/** SMP's UNet DecoderBlock: nearest x2, concat skip, two conv-bn-relu (attention off). */
export function unetBlock(x: Tensor, skip: Tensor | undefined, name: string, filters: number): Tensor {
  let y = upsampleNearest(x);
  if (skip) y = concat([y, skip]);
  y = conv2dReLU(y, `${name}.conv1`, { filters, kernel: 3, padding: 1 });
  return conv2dReLU(y, `${name}.conv2`, { filters, kernel: 3, padding: 1 });
}

/** SMP's CenterBlock, used by UNet and UNet++ on VGG encoders. */
export function centerBlock(x: Tensor, channels: number): Tensor {
  const y = conv2dReLU(x, 'decoder.center.0', { filters: channels, kernel: 3, padding: 1 });
  return conv2dReLU(y, 'decoder.center.1', { filters: channels, kernel: 3, padding: 1 });
}

export function unetDecoder(features: Tensor[], decoderChannels: readonly number[], center: boolean): Tensor {
  const reversed = features.slice(1).reverse();
  const head = reversed[0]!;
  const skips = reversed.slice(1);
  let x = center ? centerBlock(head, head.shape[3] as number) : head;
  decoderChannels.forEach((filters, i) => {
    x = unetBlock(x, skips[i], `decoder.blocks.${i}`, filters);
  });
  return x;
}
