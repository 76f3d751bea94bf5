import { adaptiveAvgPool, batchNorm, concat, conv2d, relu, resizeLike, upsampleBilinear, type Tensor } from '../graph/ops.ts';

export interface DeepLabV3PlusOptions {
  channels: number;
  atrousRates: readonly [number, number, number];
  outputStride: 8 | 16;
}

/** SMP's SeparableConv2d: depthwise (no bias) `${name}.0` then pointwise `${name}.1`. */
function separableConv(x: Tensor, name: string, filters: number, dilation: number): Tensor {
  const dw = conv2d(x, `${name}.0`, {
    filters: x.shape[3] as number, kernel: 3, padding: dilation, dilation, groups: x.shape[3] as number, bias: false,
  });
  return conv2d(dw, `${name}.1`, { filters, kernel: 1, bias: false });
}

function bnRelu(x: Tensor, name: string): Tensor {
  return relu(batchNorm(x, name));
}

/** ASPP with separable atrous branches, as SMP's DeepLabV3Plus builds it. */
function aspp(x: Tensor, n: string, filters: number, rates: readonly number[]): Tensor {
  const branches = [bnRelu(conv2d(x, `${n}.convs.0.0`, { filters, kernel: 1, bias: false }), `${n}.convs.0.1`)];
  rates.forEach((rate, i) => {
    branches.push(bnRelu(separableConv(x, `${n}.convs.${i + 1}.0`, filters, rate), `${n}.convs.${i + 1}.1`));
  });
  const pooled = bnRelu(conv2d(adaptiveAvgPool(x, 1), `${n}.convs.4.1`, { filters, kernel: 1, bias: false }), `${n}.convs.4.2`);
  branches.push(resizeLike(pooled, x, false));
  // The projection's Dropout(0.5) is identity at inference.
  return bnRelu(conv2d(concat(branches), `${n}.project.0`, { filters, kernel: 1, bias: false }), `${n}.project.1`);
}

export function deepLabV3PlusDecoder(features: Tensor[], o: DeepLabV3PlusOptions): Tensor {
  let high = aspp(features[features.length - 1]!, 'decoder.aspp.0', o.channels, o.atrousRates);
  high = bnRelu(separableConv(high, 'decoder.aspp.1', o.channels, 1), 'decoder.aspp.2');
  high = upsampleBilinear(high, o.outputStride === 8 ? 2 : 4, true);
  const low = bnRelu(conv2d(features[features.length - 4]!, 'decoder.block1.0', { filters: 48, kernel: 1, bias: false }), 'decoder.block1.1');
  const fused = separableConv(concat([high, low]), 'decoder.block2.0', o.channels, 1);
  return bnRelu(fused, 'decoder.block2.1');
}
