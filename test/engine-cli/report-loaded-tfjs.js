// Preloaded (node --import) into a `microseg` process by the engine CLI tests: on exit it writes which
// TensorFlow.js packages the process loaded to stderr. tfjs is published to Node as CommonJS, so any
// load of it, by import or require, from any module, enters the CommonJS loader's cache.
import { createRequire } from 'node:module';
import process from 'node:process';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const packages = new Set(Object.keys(cache).flatMap((path) => /[\\/]node_modules[\\/]@tensorflow[\\/]([^\\/]+)[\\/]/.exec(path)?.[1] ?? []));
  process.stderr.write(`\nloaded tfjs packages: ${JSON.stringify([...packages].sort().map((name) => `@tensorflow/${name}`))}\n`);
});
