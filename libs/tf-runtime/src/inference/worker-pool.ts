import { Worker } from 'node:worker_threads';
import { MicroSegError, deserializeError } from '@microseg/errors';
import type { BackendName } from '../backend/select-backend.ts';
import type { ModelSource } from './model-source.ts';
import type { TileRequest, WorkerInit, WorkerReply } from './worker-protocol.ts';

export interface TileWorkerPoolOptions {
  source: ModelSource;
  workers: number;
  /** Backend inside each worker; tiles parallelise as N single-threaded workers (the threaded wasm build serves training: useThreadedWasm). */
  backend?: Extract<BackendName, 'wasm' | 'cpu'>;
}

export interface TileCentres {
  data: Float32Array;
  classes: number;
}

export interface TileWorkerPool {
  readonly size: number;
  readonly backend: BackendName;
  run(request: Omit<TileRequest, 'type' | 'id'>): Promise<TileCentres>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  /** Set once the thread has died; its share of the work goes to the others. */
  dead?: boolean;
  pending?: { id: number; resolve: (c: TileCentres) => void; reject: (e: unknown) => void };
}

const WORKER_URL = new URL('./tile-worker.js', import.meta.url);

function startWorker(init: WorkerInit): Promise<{ worker: Worker; backend: BackendName }> {
  const worker = new Worker(WORKER_URL, { workerData: init });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      void worker.terminate();
      reject(error);
    };
    worker.once('error', (error) => fail(new MicroSegError('UNAVAILABLE', 'tile worker failed to start', { cause: error })));
    worker.once('message', (message: WorkerReply) => {
      worker.removeAllListeners('error');
      if (message.type === 'ready') resolve({ worker, backend: message.backend });
      else if (message.type === 'failed') fail(deserializeError(message.error));
    });
  });
}

/** N worker threads, each with its own backend and copy of the network, taking tile batches as they free up. */
export async function createTileWorkerPool(options: TileWorkerPoolOptions): Promise<TileWorkerPool> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new MicroSegError('INVALID_INPUT', `a worker pool needs at least one worker, got ${options.workers}`, { details: { workers: options.workers } });
  }
  const init: WorkerInit = { source: options.source, backend: options.backend ?? 'wasm' };
  const started = await Promise.allSettled(Array.from({ length: options.workers }, () => startWorker(init)));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    const running = started.filter((s) => s.status === 'fulfilled');
    await Promise.all(running.map((s) => s.value.worker.terminate()));
    throw failure.reason;
  }
  const workers = started.map((s) => (s as PromiseFulfilledResult<{ worker: Worker; backend: BackendName }>).value);
  const slots: Slot[] = workers.map(({ worker }) => ({ worker }));
  const queue: Array<{ request: TileRequest; resolve: (c: TileCentres) => void; reject: (e: unknown) => void }> = [];
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    if (slots.every((slot) => slot.dead)) {
      for (const job of queue.splice(0)) job.reject(new MicroSegError('UNAVAILABLE', 'every tile worker has stopped'));
      return;
    }
    for (const slot of slots) {
      if (slot.dead || slot.pending || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.pending = { id: job.request.id, resolve: job.resolve, reject: job.reject };
      slot.worker.postMessage(job.request, [job.request.data.buffer as ArrayBuffer]);
    }
  };

  for (const slot of slots) {
    slot.worker.on('message', (message: WorkerReply) => {
      const pending = slot.pending;
      if (!pending || message.type === 'ready') return;
      slot.pending = undefined;
      if (message.type === 'centres') pending.resolve({ data: message.data, classes: message.classes });
      else pending.reject(deserializeError(message.error));
      dispatch();
    });
    const crash = (cause: unknown) => {
      slot.dead = true;
      slot.pending?.reject(new MicroSegError('UNAVAILABLE', 'a tile worker stopped unexpectedly', { cause }));
      slot.pending = undefined;
      dispatch();
    };
    slot.worker.on('error', crash);
    slot.worker.on('exit', (code) => {
      if (!closed) crash(new Error(`worker exited with code ${code}`));
    });
  }

  return {
    size: slots.length,
    backend: workers[0]!.backend,
    run(request) {
      if (closed) return Promise.reject(new MicroSegError('UNAVAILABLE', 'the tile worker pool is closed', { retryable: false }));
      return new Promise((resolve, reject) => {
        queue.push({ request: { ...request, type: 'tiles', id: nextId++ }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new MicroSegError('UNAVAILABLE', 'the tile worker pool was closed', { retryable: false }));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
