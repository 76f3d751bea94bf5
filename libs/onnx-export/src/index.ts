export { type ExportOnnxOptions, exportOnnx } from './export-onnx.ts';
export { IR_VERSION, OPSET } from './onnx-graph.ts';
export { nchwToNhwc, nhwcToNchw } from './layout.ts';
export { type OnnxModelInfo, readOnnxInfo } from './read-onnx-info.ts';
// The pieces a training graph (@microseg/onnx-training) builds on.
export { type AttributeValue, type GraphValue, OnnxGraph } from './onnx-graph.ts';
export { type OnnxConv, type Pads, onnxConv } from './convolution.ts';
export { zeroPaddingPads } from './layer-ops.ts';
