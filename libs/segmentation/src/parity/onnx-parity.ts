import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { exportOnnx, nchwToNhwc } from '@microseg/onnx-export';
import * as ort from 'onnxruntime-node';
import { toLogitsModel } from '../build-model.ts';
import { syntheticInput, syntheticStateDict } from '../testing/synthetic-state-dict.ts';
import { loadStateDict } from '../weights/load-state-dict.ts';
import { type ParityCase, maxAbsDiff, modelFor, readFloats, syntheticImage } from './parity-case.ts';

export interface OnnxParity {
  /** max |ONNX Runtime - PyTorch| over the logits. */
  vsTorch: number;
  /** max |ONNX Runtime - tfjs| over the logits. */
  vsTfjs: number;
}

/** Exports the case's logits model to ONNX and runs it on ONNX Runtime's CPU provider. */
export async function onnxParity(c: ParityCase, fixtureDir: string): Promise<OnnxParity> {
  const model = modelFor(c);
  try {
    loadStateDict(model, syntheticStateDict(model), { strict: true });
    const logitsModel = toLogitsModel(model);
    const input = syntheticImage(c.size);
    const out = logitsModel.predict(input) as tf.Tensor;
    const tfjs = (await out.data()) as Float32Array;
    tf.dispose([input, out]);

    const session = await ort.InferenceSession.create(exportOnnx(logitsModel), { intraOpNumThreads: 1 });
    try {
      const shape = [1, 3, c.size, c.size];
      const result = await session.run({ image: new ort.Tensor('float32', syntheticInput(shape), shape) });
      const logits = result.output!;
      const onnx = nchwToNhwc(logits.data as Float32Array, logits.dims);
      return { vsTorch: maxAbsDiff(onnx, readFloats(join(fixtureDir, `${c.id}.logits.bin`))), vsTfjs: maxAbsDiff(onnx, tfjs) };
    } finally {
      await session.release();
    }
  } finally {
    model.dispose();
  }
}
