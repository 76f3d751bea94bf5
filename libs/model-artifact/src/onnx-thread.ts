import { Worker } from 'node:worker_threads';
import { MicroSegError, deserializeError } from '@microseg/errors';
import type { OnnxRunner, OnnxRunnerOptions } from './onnx-runner.ts';
import type { OnnxThreadInit, OnnxThreadReply, OnnxThreadRequest } from './onnx-thread-protocol.ts';
import type { TensorData } from './test-vector.ts';

const WORKER_URL = new URL('./onnx-thread-worker.js', import.meta.url);

/**
 * An OnnxRunner whose session lives in its own worker thread. onnxruntime-node's `run` computes on the
 * calling thread's event loop (its promise only defers the start), so a service that must keep answering
 * requests while an image computes moves the session off its thread. Still one session per model: the
 * worker only hosts it, and ONNX Runtime's intra-op threads do the work. Runs are served in order.
 */
export async function startOnnxThread(bytes: Uint8Array, options: OnnxRunnerOptions = {}): Promise<OnnxRunner> {
  const init: OnnxThreadInit = { bytes, options };
  const worker = new Worker(WORKER_URL, { workerData: init });
  const ready = await new Promise<Extract<OnnxThreadReply, { type: 'ready' }>>((resolve, reject) => {
    const fail = (error: Error) => {
      void worker.terminate();
      reject(error);
    };
    worker.once('error', (error) => fail(new MicroSegError('UNAVAILABLE', 'the ONNX Runtime thread failed to start', { cause: error })));
    worker.once('message', (message: OnnxThreadReply) => {
      worker.removeAllListeners('error');
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') fail(deserializeError(message.error));
    });
  });

  const pending = new Map<number, { resolve: (output: TensorData) => void; reject: (error: unknown) => void }>();
  let nextId = 0;
  let stopped: MicroSegError | undefined;
  let released: (() => void) | undefined;
  const stop = (error: MicroSegError) => {
    stopped ??= error;
    for (const job of pending.values()) job.reject(stopped);
    pending.clear();
  };
  worker.on('message', (message: OnnxThreadReply) => {
    if (message.type === 'released') return released?.();
    if (message.type !== 'output' && message.type !== 'failed') return;
    const job = message.id === null ? undefined : pending.get(message.id);
    if (!job) return;
    pending.delete(message.id!);
    if (message.type === 'output') job.resolve({ shape: message.shape, data: message.data });
    else job.reject(deserializeError(message.error));
  });
  worker.on('error', (cause) => stop(new MicroSegError('UNAVAILABLE', 'the ONNX Runtime thread stopped unexpectedly', { cause })));
  worker.on('exit', (code) => stop(new MicroSegError('UNAVAILABLE', `the ONNX Runtime thread exited (code ${code})`)));

  return {
    threads: ready.threads,
    provider: ready.provider,
    ...(ready.cpuReason === undefined ? {} : { cpuReason: ready.cpuReason }),
    run(input) {
      if (stopped) return Promise.reject(stopped);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        // A copy goes over: the caller keeps its tensor (a few ms per batch of 512 px tiles, beside ~100 ms of network per tile).
        const data = input.data.slice();
        const request: OnnxThreadRequest = { type: 'run', id, shape: [...input.shape], data };
        worker.postMessage(request, [data.buffer]);
      });
    },
    async release() {
      if (stopped) return;
      const done = new Promise<void>((resolve) => (released = resolve));
      worker.postMessage({ type: 'release' } satisfies OnnxThreadRequest);
      await done;
      stop(new MicroSegError('UNAVAILABLE', 'the ONNX Runtime session was released', { retryable: false }));
      await worker.terminate();
    },
  };
}
