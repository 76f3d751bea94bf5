import { type NamedAttrMap, type TensorInfo, getKernel } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A Float32Array view of a tensor in the wasm heap. Any allocation may grow (and so detach) the heap:
 * take views after the last `makeOutput` and before the next one.
 */
export function heapView(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Calls another wasm kernel from inside a kernel, as the wasm backend's own composite kernels do. */
export function callWasmKernel(
  name: string,
  backend: BackendWasm,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

export function release(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** C = A·B for A [1,m,k], B [1,k,n] on XNNPACK; only the untransposed case is fast in the wasm build. */
export function matMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return callWasmKernel('BatchMatMul', backend, { a, b }, { transposeA: false, transposeB: false });
}

/** Copies `values` into a new heap tensor of `shape`. */
export function fromValues(backend: BackendWasm, shape: number[], values: Float32Array): TensorInfo {
  return backend.makeOutput(shape, 'float32', undefined, values);
}

/** The largest im2col buffer (in floats) a gradient kernel holds at once, so big images cost time, not memory. */
export const MAX_COLUMN_FLOATS = 1 << 23;

export function assertChannelsLast(kernel: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`${kernel} on wasm supports NHWC only, got ${dataFormat}`);
  }
}
