// A child process of model-loader.test.ts: the service's whole module graph, then one version loaded and
// an image segmented as the service does with INFERENCE_ENGINE (argv: artifact directory, engine). Prints
// the tiles and which TensorFlow.js packages the process loaded: tfjs is published to Node as CommonJS,
// so any load of it enters the CommonJS loader's cache.
import { createRequire } from 'node:module';
import { silentLogger } from '@microseg/logging';
import { INFERENCE_ENGINES, loadVersionModel } from '../model-loader.ts';
import '../start-inference-service.ts';
import { lazyTfjs } from '../tfjs-engine.ts';

const [artifact, engine] = process.argv.slice(2) as [string, (typeof INFERENCE_ENGINES)[number]];
const loaded = await loadVersionModel(artifact, {
  engine, onnxThreads: 1, onnxDevice: 'cpu', tileBatch: 2, tileWorkers: 0, tfjs: lazyTfjs('wasm', silentLogger), logger: silentLogger,
});
const image = { data: new Uint8Array(100 * 90).fill(120), width: 100, height: 90, channels: 1, bitDepth: 8 as const };
const { tiles } = await loaded.segment({ image, tile: 64, stride: 32 });
await loaded.dispose();
const tfjs = new Set(Object.keys(createRequire(import.meta.url).cache).flatMap((path) => /[\\/]node_modules[\\/]@tensorflow[\\/]([^\\/]+)[\\/]/.exec(path)?.[1] ?? []));
process.stdout.write(JSON.stringify({ backend: loaded.backend, tiles, tfjs: [...tfjs].sort().map((name) => `@tensorflow/${name}`) }));
