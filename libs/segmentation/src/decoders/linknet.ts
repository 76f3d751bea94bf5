import * as tfl from '@tensorflow/tfjs-layers';
import { add, batchNorm, relu, type Tensor } from '../graph/ops.ts';
import { conv2dReLU } from './blocks.ts';

/** SMP's Linknet DecoderBlock: 1x1 reduce to in/4, transposed conv x2, 1x1 expand, add skip. */
function linknetBlock(x: Tensor, skip: Tensor | undefined, name: string, filters: number): Tensor {
  const mid = Math.floor((x.shape[3] as number) / 4);
  let y = conv2dReLU(x, `${name}.block.0`, { filters: mid, kernel: 1 });
  // ConvTranspose2d(k=4, s=2, p=1) doubles the size exactly like tfjs 'same' padding does.
  y = tfl.layers
    .conv2dTranspose({ name: `${name}.block.1.0`, filters: mid, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: 'heUniform' })
    .apply(y) as Tensor;
  y = relu(batchNorm(y, `${name}.block.1.1`));
  y = conv2dReLU(y, `${name}.block.2`, { filters, kernel: 1 });
  return skip ? add([y, skip]) : y;
}

export function linknetDecoder(features: Tensor[], prefinalChannels = 32): Tensor {
  const reversed = features.slice(1).reverse();
  const channels = [...reversed.map((t) => t.shape[3] as number), prefinalChannels];
  const skips = reversed.slice(1);
  let x = reversed[0]!;
  for (let i = 0; i < reversed.length; i += 1) {
    x = linknetBlock(x, skips[i], `decoder.blocks.${i}`, channels[i + 1]!);
  }
  return x;
}
