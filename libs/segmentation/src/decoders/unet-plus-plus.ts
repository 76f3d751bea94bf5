import { concat, type Tensor } from '../graph/ops.ts';
import { centerBlock, unetBlock } from './unet.ts';

/**
 * SMP's UnetPlusPlusDecoder: nested dense skips; block `x_{depth}_{layer}` upsamples the node
 * to its left and concatenates every node above it in the same column plus the encoder skip.
 */
export function unetPlusPlusDecoder(features: Tensor[], decoderChannels: readonly number[], center: boolean): Tensor {
  const f = features.slice(1).reverse();
  const skipChannels = [...f.slice(1).map((t) => t.shape[3] as number), 0];
  const depth = decoderChannels.length - 1;
  if (center) f[0] = centerBlock(f[0]!, f[0]!.shape[3] as number);
  const dense = new Map<string, Tensor>();
  const node = (d: number, l: number) => dense.get(`x_${d}_${l}`)!;
  for (let layer = 0; layer < depth; layer += 1) {
    for (let d = 0; d < depth - layer; d += 1) {
      if (layer === 0) {
        const filters = d === 0 ? decoderChannels[0]! : skipChannels[d]!;
        dense.set(`x_${d}_${d}`, unetBlock(f[d]!, f[d + 1], `decoder.blocks.x_${d}_${d}`, filters));
      } else {
        const l = d + layer;
        const filters = d === 0 ? decoderChannels[l]! : skipChannels[l]!;
        const above: Tensor[] = [];
        for (let idx = d + 1; idx <= l; idx += 1) above.push(node(idx, l));
        const skip = concat([...above, f[l + 1]!]);
        dense.set(`x_${d}_${l}`, unetBlock(node(d, l - 1), skip, `decoder.blocks.x_${d}_${l}`, filters));
      }
    }
  }
  return unetBlock(node(0, depth - 1), undefined, `decoder.blocks.x_0_${depth}`, decoderChannels[depth]!);
}
