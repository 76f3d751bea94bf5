import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { serializeError } from '@microseg/errors';
import { initBackend } from '../backend/select-backend.ts';
import { loadPredictor } from './model-source.ts';
import { cropCentres } from './tile-io.ts';
import type { TileRequest, WorkerInit, WorkerReply } from './worker-protocol.ts';

/** One backend and one copy of the network per worker thread; tiles arrive, kept centres go back. */
const port = parentPort!;
const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const init = workerData as WorkerInit;
  const choice = await initBackend({ preferred: init.backend });
  const predict = await loadPredictor(init.source);
  port.on('message', (request: TileRequest) => {
    try {
      const { data, count, tile, margin, size } = request;
      const probabilities = tf.tidy(() => predict(tf.tensor4d(data, [count, tile, tile, 3])));
      const classes = probabilities.shape[3];
      const centres = cropCentres(probabilities.dataSync() as Float32Array, count, tile, margin, size, classes);
      probabilities.dispose();
      reply({ type: 'centres', id: request.id, data: centres, classes }, [centres.buffer as ArrayBuffer]);
    } catch (error) {
      reply({ type: 'failed', id: request.id, error: serializeError(error) });
    }
  });
  reply({ type: 'ready', backend: choice.backend });
} catch (error) {
  reply({ type: 'failed', id: null, error: serializeError(error) });
}
