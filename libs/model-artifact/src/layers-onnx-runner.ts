import type { LayersModel } from '@tensorflow/tfjs-layers';
import { exportOnnx } from '@microseg/onnx-export';
import { ONNX_INPUT, type OnnxRunner, type OnnxRunnerOptions } from './onnx-runner.ts';
import { startOnnxThread } from './onnx-thread.ts';

const OUTPUT = 'output';

/**
 * A tfjs network derived from a verified artifact (e.g. its encoder alone) on ONNX Runtime, in its
 * own thread like the artifact's network. Undefined when the exporter refuses a layer: the caller
 * runs it on tfjs instead.
 */
export async function startLayersOnnxRunner(model: LayersModel, options: Omit<OnnxRunnerOptions, 'names'> = {}): Promise<{ runner: OnnxRunner; bytes: number } | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = exportOnnx(model, { inputName: ONNX_INPUT, outputName: OUTPUT });
  } catch {
    return undefined;
  }
  return { runner: await startOnnxThread(bytes, { ...options, names: { input: ONNX_INPUT, output: OUTPUT } }), bytes: bytes.byteLength };
}
