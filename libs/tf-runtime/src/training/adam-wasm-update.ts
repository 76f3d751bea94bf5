import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapView } from '../wasm-gradients/wasm-heap.ts';
import { type AdamJob, type AdamStepConstants, adamRange } from './adam-range.ts';
import type { AdamThreadRequest } from './adam-thread.ts';

export type { AdamStepConstants } from './adam-range.ts';

export interface AdamUpdate {
  gradient: tf.Tensor;
  m: tf.Tensor;
  v: tf.Tensor;
  variable: tf.Tensor;
}

export interface AdamUpdated {
  m: tf.Tensor;
  v: tf.Tensor;
  variable: tf.Tensor;
}

/** Below this many elements in one step, handing half to the helper thread costs more than it saves. */
const THREADED_MIN_ELEMENTS = 4096;
/** How long the main thread waits for the helper before it computes the helper's half itself. */
const HELPER_TIMEOUT_MS = 30_000;

let helper: Worker | undefined | null;

/** The helper thread, started on first use; null where it could not start (then one thread does all). */
function helperThread(): Worker | null {
  if (helper !== undefined) return helper;
  try {
    helper = new Worker(new URL('./adam-thread.js', import.meta.url));
    helper.unref();
    helper.on('error', () => (helper = null));
  } catch {
    helper = null;
  }
  return helper;
}

/**
 * One Adam step of several variables in a single pass over the wasm heap (the op-by-op form runs about fifteen
 * element-wise kernels per variable, each a full pass on one thread). On the threaded wasm build the heap is
 * shared memory: a helper thread computes the second half of every variable while this thread computes the
 * first halves (Atomics.wait for the rest; Node allows it on the main thread). Each element is computed by the
 * same arithmetic whichever thread takes it, so the results are bit-identical to one thread (adam-range.ts).
 */
export function adamUpdatesOnWasm(updates: readonly AdamUpdate[], constants: AdamStepConstants): AdamUpdated[] {
  const backend = tf.backend() as BackendWasm;
  // Allocate first: a heap allocation may grow (and detach) the heap under earlier views.
  const outputs = updates.map(({ variable }) => [0, 1, 2].map(() => backend.makeOutput(variable.shape, 'float32')));
  let heap: Float32Array | undefined;
  const offset = (view: Float32Array) => {
    heap ??= new Float32Array(view.buffer);
    return view.byteOffset / Float32Array.BYTES_PER_ELEMENT;
  };
  const jobs: AdamJob[] = updates.map(({ gradient, m, v, variable }, i) => {
    const [mOut, vOut, wOut] = outputs[i]!.map((info) => offset(heapView(backend, info))) as [number, number, number];
    return {
      g: offset(heapView(backend, gradient)),
      m: offset(heapView(backend, m)),
      v: offset(heapView(backend, v)),
      w: offset(heapView(backend, variable)),
      mOut,
      vOut,
      wOut,
      length: variable.size,
    };
  });
  if (heap) {
    const total = jobs.reduce((sum, job) => sum + job.length, 0);
    const shared = heap.buffer instanceof SharedArrayBuffer && total >= THREADED_MIN_ELEMENTS ? helperThread() : null;
    if (shared) {
      const done = new SharedArrayBuffer(4);
      shared.postMessage({ heap: heap.buffer as SharedArrayBuffer, jobs, constants, done } satisfies AdamThreadRequest);
      for (const job of jobs) adamRange(heap, job, constants, 0, Math.ceil(job.length / 2));
      if (Atomics.wait(new Int32Array(done), 0, 0, HELPER_TIMEOUT_MS) === 'timed-out') {
        // Never a half-updated weight: the same values, computed here.
        for (const job of jobs) adamRange(heap, job, constants, Math.ceil(job.length / 2), job.length);
      }
    } else {
      for (const job of jobs) adamRange(heap, job, constants, 0, job.length);
    }
  }
  return outputs.map((infos) => {
    const [m, v, variable] = infos.map((info) => tf.engine().makeTensorFromTensorInfo(info)) as [tf.Tensor, tf.Tensor, tf.Tensor];
    return { m, v, variable };
  });
}
