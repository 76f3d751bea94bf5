import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '@microseg/errors';
import { createOnnxRunner } from './onnx-runner.ts';
import type { OnnxThreadInit, OnnxThreadReply, OnnxThreadRequest } from './onnx-thread-protocol.ts';

/** The one ONNX Runtime session of a model: runs arrive one at a time, outputs go back transferred. */
const port = parentPort!;
const reply = (message: OnnxThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const init = workerData as OnnxThreadInit;
  const runner = await createOnnxRunner(init.bytes, init.options);
  const serve = async (request: OnnxThreadRequest) => {
    if (request.type === 'release') {
      await runner.release();
      reply({ type: 'released' });
      return;
    }
    try {
      const output = await runner.run({ shape: request.shape, data: request.data });
      reply({ type: 'output', id: request.id, shape: output.shape, data: output.data }, [output.data.buffer as ArrayBuffer]);
    } catch (error) {
      reply({ type: 'failed', id: request.id, error: serializeError(error) });
    }
  };
  port.on('message', (request: OnnxThreadRequest) => void serve(request));
  reply({ type: 'ready', threads: runner.threads, provider: runner.provider, ...(runner.cpuReason === undefined ? {} : { cpuReason: runner.cpuReason }) });
} catch (error) {
  reply({ type: 'failed', id: null, error: serializeError(error) });
}
