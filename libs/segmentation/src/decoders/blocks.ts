import { convBnAct, type ConvOptions, type Tensor } from '../graph/ops.ts';

/** SMP's `Conv2dReLU`: Sequential(conv, bn, relu) named `${name}.0`, `${name}.1`. */
export function conv2dReLU(x: Tensor, name: string, o: ConvOptions): Tensor {
  return convBnAct(x, { conv: `${name}.0`, bn: `${name}.1` }, o);
}
