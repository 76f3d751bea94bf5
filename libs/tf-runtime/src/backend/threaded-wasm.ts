import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { MicroSegError } from '@microseg/errors';

const require = createRequire(import.meta.url);
const FACTORY = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
const BINARY = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm');
const PTHREAD_WORKER = fileURLToPath(new URL('./wasm-pthread-worker.js', import.meta.url));
/** tfjs's own priority for wasm, so automatic backend choice is unchanged. */
const WASM_PRIORITY = 2;

/** The parts of the Emscripten module used here (its typings are not exported by the package). */
interface EmscriptenModule {
  cwrap(name: string, returns: string | null, args: string[]): unknown;
  PThread: { runningWorkers: { unref(): void }[] };
  tfjs?: Record<string, unknown>;
}
type ThreadedFactory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;
type WasmImports = { env: Record<string, unknown> };
/** Node's WebAssembly global; this workspace compiles without the DOM typings that declare it. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: WasmImports) => { exports: object };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * The build sizes its pool as min(requested, logical cores / 2) (it assumes two hyper-threads per core), read
 * once when the module starts: on a 2-core machine or pod that is one thread. Answering the core-count
 * import with twice the requested threads makes the pool exactly `threads` wide.
 */
function instantiateWith(threads: number) {
  return (imports: WasmImports, receiveInstance: (instance: object, module: object) => void) => {
    imports.env.emscripten_num_logical_cores = () => threads * 2;
    // Synchronous, as the build's own thread script does: a failure rejects the factory's promise.
    const module = new wasmApi.Module(readFileSync(BINARY));
    const instance = new wasmApi.Instance(module, imports);
    receiveInstance(instance, module);
    return instance.exports;
  };
}

/** The build starts 8 thread workers and caps its pool there. */
export const MAX_WASM_THREADS = 8;

let registered: number | undefined;

/**
 * Makes the `wasm` backend the threaded SIMD build with `threads` XNNPACK threads (Node worker_threads
 * sharing the wasm memory). tfjs refuses threads in Node (tensorflow/tfjs#3830: it hands Emscripten Blob URLs,
 * which Node's Worker cannot start), so the build is instantiated here with file paths instead, and the
 * backend object is tfjs's own. Convolutions and matrix products split their output rows across threads and
 * each output is summed in the same order as on one thread: results are bit-identical to the
 * single-threaded build, so a run's loss curve and its resume do not depend on the thread count.
 *
 * Must run before the wasm backend is first used; the pool lives as long as the process.
 */
export function useThreadedWasm(threads: number): void {
  if (!Number.isInteger(threads) || threads < 2 || threads > MAX_WASM_THREADS) {
    throw new MicroSegError('INVALID_INPUT', `threaded wasm takes 2..${MAX_WASM_THREADS} threads, got ${threads}`, { details: { threads } });
  }
  if (registered === threads) return;
  if (registered !== undefined || tf.findBackend('wasm') !== null) {
    throw new MicroSegError('INVALID_INPUT', 'the wasm backend is already running: its thread count is fixed for the life of the process', {
      details: { threads, running: registered ?? 1 },
    });
  }
  const factory = require(FACTORY) as ThreadedFactory;
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      const module = await factory({
        locateFile: (path: string, prefix: string) => (path.endsWith('.worker.js') ? PTHREAD_WORKER : prefix + path),
        instantiateWasm: instantiateWith(threads),
        // Each thread evaluates the factory script again; a path (not tfjs's Blob) is what Node can read.
        mainScriptUrlOrBlob: FACTORY,
      });
      // The bridge tfjs's own init() adds (backend_wasm.ts).
      module.tfjs = {
        init: module.cwrap('init', null, []),
        initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
        getThreadsCount: module.cwrap('get_threads_count', 'number', []),
        registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
        disposeData: module.cwrap('dispose_data', null, ['number']),
        dispose: module.cwrap('dispose', null, []),
      };
      setThreadsCount(threads);
      const backend = new BackendWasm(module as unknown as BackendWasm['wasm']);
      // The pool's threads wait for work for the life of the process; they must not keep it from exiting.
      for (const worker of module.PThread.runningWorkers) worker.unref();
      return backend;
    },
    WASM_PRIORITY,
  );
  registered = threads;
}

/** XNNPACK threads of the running wasm backend (1 for the single-threaded build). */
export function wasmThreads(): number {
  return getThreadsCount();
}
