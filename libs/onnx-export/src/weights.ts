import type * as tfl from '@tensorflow/tfjs-layers';

export interface Weight {
  shape: number[];
  data: Float32Array;
}

/** A layer's weight by its tfjs name (`kernel`, `bias`, `gamma`, `moving_mean`...), or undefined. */
export function findWeight(layer: tfl.layers.Layer, suffix: string): Weight | undefined {
  const index = layer.weights.findIndex((w) => w.originalName === suffix || w.originalName.endsWith(`/${suffix}`));
  if (index < 0) return undefined;
  const value = layer.weights[index]!.read();
  return { shape: [...value.shape], data: Float32Array.from(value.dataSync()) };
}

export function weight(layer: tfl.layers.Layer, suffix: string): Weight {
  const found = findWeight(layer, suffix);
  if (!found) throw new Error(`layer ${layer.name} has no weight '${suffix}'`);
  return found;
}

/** Permutes a 4-D row-major array: output axis i is input axis `order[i]`. */
export function permute4(w: Weight, order: [number, number, number, number]): Weight {
  const shape = order.map((a) => w.shape[a]!);
  const inStrides = [w.shape[1]! * w.shape[2]! * w.shape[3]!, w.shape[2]! * w.shape[3]!, w.shape[3]!, 1];
  const strides = order.map((a) => inStrides[a]!);
  const out = new Float32Array(w.data.length);
  let i = 0;
  for (let a = 0; a < shape[0]!; a++)
    for (let b = 0; b < shape[1]!; b++)
      for (let c = 0; c < shape[2]!; c++) {
        const base = a * strides[0]! + b * strides[1]! + c * strides[2]!;
        for (let d = 0; d < shape[3]!; d++) out[i++] = w.data[base + d * strides[3]!]!;
      }
  return { shape, data: out };
}
