// Entry of each XNNPACK thread of the threaded wasm build. tfjs ships the Emscripten pthread script only as
// a string (for browsers' Blob URLs, which Node's Worker cannot load); it expects CommonJS globals at global
// scope. Its "\n" escapes became real newlines in that template string: tfjs restores them the same way.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
Object.assign(globalThis, { require, __filename: fileURLToPath(import.meta.url) });
(0, eval)(wasmWorkerContents.replace(/\n/g, '\\n'));
