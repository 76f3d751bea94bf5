import {
  activation, adaptiveAvgPool, add, batchNorm, conv2d, maxPool, multiply, relu, resizeLike, type ConvOptions, type Tensor,
} from '../graph/ops.ts';

/** SMP PAN's ConvBnRelu: its conv keeps a bias even under BN, and the module names are conv/bn. */
function convBnRelu(x: Tensor, name: string, o: ConvOptions, addRelu = true): Tensor {
  const y = batchNorm(conv2d(x, `${name}.conv`, { bias: true, ...o }), `${name}.bn`);
  return addRelu ? relu(y) : y;
}

/** Feature Pyramid Attention on the deepest map (1/16 with the dilated encoder). */
function fpaBlock(x: Tensor, filters: number): Tensor {
  const n = 'decoder.fpa';
  const b1 = resizeLike(convBnRelu(adaptiveAvgPool(x, 1), `${n}.branch1.1`, { filters, kernel: 1 }), x, true);
  const mid = convBnRelu(x, `${n}.mid.0`, { filters, kernel: 1 });
  const x1 = convBnRelu(maxPool(x, 2), `${n}.down1.1`, { filters: 1, kernel: 7, padding: 3 });
  const x2 = convBnRelu(maxPool(x1, 2), `${n}.down2.1`, { filters: 1, kernel: 5, padding: 2 });
  let x3 = convBnRelu(maxPool(x2, 2), `${n}.down3.1`, { filters: 1, kernel: 3, padding: 1 });
  x3 = convBnRelu(x3, `${n}.down3.2`, { filters: 1, kernel: 3, padding: 1 });
  x3 = resizeLike(x3, x, true, 4);
  let y = add([convBnRelu(x2, `${n}.conv2`, { filters: 1, kernel: 5, padding: 2 }), x3]);
  y = resizeLike(y, x, true, 2);
  y = add([y, convBnRelu(x1, `${n}.conv1`, { filters: 1, kernel: 7, padding: 3 })]);
  y = resizeLike(y, x, true);
  return add([multiply([y, mid]), b1]);
}

/** Global Attention Upsample: the high-level map gates the low-level one. */
function gauBlock(low: Tensor, high: Tensor, name: string, filters: number): Tensor {
  const up = resizeLike(high, low, true);
  const x = convBnRelu(low, `${name}.conv2`, { filters, kernel: 3, padding: 1 });
  const gate = activation(convBnRelu(adaptiveAvgPool(high, 1), `${name}.conv1.1`, { filters, kernel: 1 }, false), 'sigmoid');
  return add([up, multiply([x, gate])]);
}

export function panDecoder(features: Tensor[], filters: number): Tensor {
  const f = features.slice(2);
  let out = fpaBlock(f[f.length - 1]!, filters);
  if (f.length >= 4) out = gauBlock(f[2]!, out, 'decoder.gau3', filters);
  if (f.length >= 3) out = gauBlock(f[1]!, out, 'decoder.gau2', filters);
  return gauBlock(f[0]!, out, 'decoder.gau1', filters);
}
