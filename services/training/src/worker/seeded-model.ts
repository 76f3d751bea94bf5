import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildModel, type ModelConfig } from '@microseg/segmentation';
import { createResumableRng } from '@microseg/training-recipe';

/**
 * Builds the network with initial weights drawn from the job's seed. tfjs initializers seed
 * their generator from Math.random when given no seed, and the engine's buildModel passes none:
 * replacing Math.random for the duration of the (synchronous) build makes random init
 * reproducible without reaching into every layer.
 */
export function buildSeededModel(config: ModelConfig, seed: number): LayersModel {
  const original = Math.random;
  const rng = createResumableRng((seed ^ 0x9e3779b9) >>> 0);
  Math.random = () => rng.next();
  try {
    return buildModel(config);
  } finally {
    Math.random = original;
  }
}
