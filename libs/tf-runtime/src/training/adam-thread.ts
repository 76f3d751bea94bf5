// The helper thread of the wasm Adam update: computes the second half of every variable's update on the
// shared wasm heap, then wakes the main thread, which computed the first halves meanwhile.
import { parentPort } from 'node:worker_threads';
import { type AdamJob, type AdamStepConstants, adamRange } from './adam-range.ts';

export interface AdamThreadRequest {
  heap: SharedArrayBuffer;
  jobs: AdamJob[];
  constants: AdamStepConstants;
  /** Int32 flag: the thread stores 1 and notifies when done. */
  done: SharedArrayBuffer;
}

parentPort!.on('message', ({ heap, jobs, constants, done }: AdamThreadRequest) => {
  const view = new Float32Array(heap);
  for (const job of jobs) adamRange(view, job, constants, Math.ceil(job.length / 2), job.length);
  const flag = new Int32Array(done);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
