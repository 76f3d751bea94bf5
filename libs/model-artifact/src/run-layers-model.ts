import { invalidInput } from '@microseg/errors';
import { cast, tensor, tidy } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { TensorData } from './test-vector.ts';

/** A test vector through the tfjs network (apart from test-vector.ts, which ONNX-only callers load without tfjs). */
export async function runModel(model: LayersModel, input: TensorData): Promise<TensorData> {
  if (input.data.length !== input.shape.reduce((a, b) => a * b, 1)) {
    throw invalidInput('test input data does not match its shape', {
      shape: input.shape,
      values: input.data.length,
    });
  }
  const output = tidy(() => {
    const result = model.predict(tensor(input.data, input.shape, 'float32'));
    if (Array.isArray(result)) throw invalidInput('models with several outputs are not supported');
    return cast(result, 'float32');
  });
  try {
    return { shape: [...output.shape], data: (await output.data()) as Float32Array };
  } finally {
    output.dispose();
  }
}
