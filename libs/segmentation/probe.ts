import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
import './src/index.ts';
import { readManifest, syntheticParity } from './src/parity/parity-case.ts';
await tf.setBackend(process.env.BK ?? 'wasm');
const dir = process.argv[2]!;
for (const c of readManifest(dir)) {
  const t = Date.now();
  try { console.log(c.id, (await syntheticParity(c, dir)).toExponential(2), c.maxAbs.toFixed(3), Date.now() - t, 'ms'); }
  catch (e) { console.log(c.id, 'ERROR', (e as Error).message.slice(0, 400)); }
}
