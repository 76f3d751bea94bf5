import { invalidInput } from '@microseg/errors';
import onnxProto from 'onnx-proto';

export interface OnnxModelInfo {
  /** The default-domain opset it imports (bioimage.io's weights.onnx.opset_version). */
  opset: number;
  /** Graph inputs that are fed (not initializers), and outputs, in order. */
  inputs: string[];
  outputs: string[];
}

/** What a serialized ModelProto declares, without starting a session (imports check it against their description). */
export function readOnnxInfo(bytes: Uint8Array): OnnxModelInfo {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnxProto.onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw invalidInput('the file is not an ONNX model', { reason: 'model-invalid' }, cause);
  }
  const opset = (model.opsetImport ?? []).find((entry) => !entry.domain || entry.domain === 'ai.onnx');
  if (!opset?.version) throw invalidInput('the ONNX model names no default-domain opset', { reason: 'model-invalid' });
  const weights = new Set((model.graph?.initializer ?? []).map((tensor) => tensor.name));
  return {
    opset: Number(opset.version),
    inputs: (model.graph?.input ?? []).map((value) => value.name ?? '').filter((name) => name && !weights.has(name)),
    outputs: (model.graph?.output ?? []).map((value) => value.name ?? '').filter(Boolean),
  };
}
