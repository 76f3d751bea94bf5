import type { TilePredictor } from '../inference/model-source.ts';

/** A worker-side "network" that kills its thread on the first tile, to test how the pool survives it. */
export function crashingPredictor(): TilePredictor {
  return () => process.exit(7);
}
