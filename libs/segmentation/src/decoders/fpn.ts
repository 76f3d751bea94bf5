import { add, concat, conv2d, groupNorm, relu, upsampleBilinear, upsampleNearest, type Tensor } from '../graph/ops.ts';

export interface FpnOptions {
  pyramidChannels: number;
  segmentationChannels: number;
  mergePolicy: 'add' | 'cat';
}

/** SMP's Conv3x3GNReLU: conv3x3 (no bias), GroupNorm(32), ReLU, then optional bilinear x2 (align_corners). */
function conv3x3GNReLU(x: Tensor, name: string, filters: number, upsample: boolean): Tensor {
  let y = conv2d(x, `${name}.block.0`, { filters, kernel: 3, padding: 1, bias: false });
  y = relu(groupNorm(y, `${name}.block.1`, 32));
  return upsample ? upsampleBilinear(y, 2, true) : y;
}

function segmentationBlock(x: Tensor, name: string, filters: number, upsamples: number): Tensor {
  let y = conv3x3GNReLU(x, `${name}.block.0`, filters, upsamples > 0);
  for (let i = 1; i < upsamples; i += 1) y = conv3x3GNReLU(y, `${name}.block.${i}`, filters, true);
  return y;
}

function fpnBlock(x: Tensor, skip: Tensor, name: string): Tensor {
  const lateral = conv2d(skip, `${name}.skip_conv`, { filters: x.shape[3] as number, kernel: 1 });
  return add([upsampleNearest(x), lateral]);
}

export function fpnDecoder(features: Tensor[], o: FpnOptions): Tensor {
  const [c2, c3, c4, c5] = features.slice(-4) as [Tensor, Tensor, Tensor, Tensor];
  const p5 = conv2d(c5, 'decoder.p5', { filters: o.pyramidChannels, kernel: 1 });
  const p4 = fpnBlock(p5, c4, 'decoder.p4');
  const p3 = fpnBlock(p4, c3, 'decoder.p3');
  const p2 = fpnBlock(p3, c2, 'decoder.p2');
  const pyramid = [p5, p4, p3, p2].map((p, i) =>
    segmentationBlock(p, `decoder.seg_blocks.${i}`, o.segmentationChannels, 3 - i),
  );
  return o.mergePolicy === 'add' ? add(pyramid) : concat(pyramid);
}
