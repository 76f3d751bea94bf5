import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildModel, toLogitsModel } from '../build-model.ts';
import { syntheticInput, syntheticStateDict } from '../testing/synthetic-state-dict.ts';
import { loadStateDict } from '../weights/load-state-dict.ts';

/** One entry of the oracle's manifest.json (test/oracles/segmentation/parity_oracle.py). */
export interface ParityCase {
  id: string;
  architecture: string;
  encoder: string;
  classes: number;
  size: number;
  decoderChannels?: number[];
  logitsShape: number[];
  inputShape?: number[];
  maxAbs: number;
}

export function readManifest(dir: string): ParityCase[] {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: ParityCase[] }).cases;
}

export function readFloats(path: string): Float32Array {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function modelFor(c: ParityCase): tfl.LayersModel {
  return buildModel({
    architecture: c.architecture, encoder: c.encoder, classes: c.classes,
    ...(c.decoderChannels ? { decoderChannels: c.decoderChannels } : {}),
  });
}

/** NCHW synthetic input of the oracle as an NHWC tensor. */
export function syntheticImage(size: number): tf.Tensor4D {
  return tf.tidy(() => tf.transpose(tf.tensor4d(syntheticInput([1, 3, size, size]), [1, 3, size, size]), [0, 2, 3, 1]));
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Builds the case's model with the synthetic weights and returns max |tfjs - PyTorch| over the logits. */
export async function syntheticParity(c: ParityCase, fixtureDir: string): Promise<number> {
  const model = modelFor(c);
  try {
    loadStateDict(model, syntheticStateDict(model), { strict: true });
    const input = syntheticImage(c.size);
    const out = toLogitsModel(model).predict(input) as tf.Tensor;
    const actual = (await out.data()) as Float32Array;
    tf.dispose([input, out]);
    return maxAbsDiff(actual, readFloats(join(fixtureDir, `${c.id}.logits.bin`)));
  } finally {
    model.dispose();
  }
}
