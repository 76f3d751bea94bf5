export { type ExportOnnxOptions, exportOnnx } from './export-onnx.ts';
export { IR_VERSION, OPSET } from './onnx-graph.ts';
export { nchwToNhwc, nhwcToNchw } from './layout.ts';
export { type OnnxModelInfo, readOnnxInfo } from './read-onnx-info.ts';
