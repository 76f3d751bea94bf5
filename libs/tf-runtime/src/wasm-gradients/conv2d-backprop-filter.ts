import { type KernelConfig, type KernelFunc, type TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MAX_COLUMN_FLOATS, assertChannelsLast, callWasmKernel, fromValues, heapView, matMul, release } from './wasm-heap.ts';

interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: backend_util.ExplicitPadding | 'valid' | 'same' | number;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** x [b,h,w,c] -> [c][b*h*w], so each im2col row is built from contiguous runs. */
function channelMajor(x: Float32Array, pixels: number, channels: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let p = 0, src = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++, src++) out[c * pixels + p] = x[src]!;
  }
  return out;
}

/**
 * dW = im2col(x)ᵀ · dy. The transposed columns are written directly ([k, rows]) so that the product is an
 * untransposed XNNPACK matmul; rows are processed in chunks of whole output lines to bound memory.
 */
function conv2dBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: BackendWasm; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  assertChannelsLast('Conv2DBackpropFilter', attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const k = filterHeight * filterWidth * inChannels;
  const lines = batchSize * outHeight;
  const linesPerChunk = Math.max(1, Math.min(lines, Math.floor(MAX_COLUMN_FLOATS / (k * outWidth))));
  const planeSize = inHeight * inWidth;
  const xT = channelMajor(heapView(backend, x), batchSize * planeSize, inChannels);

  let result: TensorInfo | undefined;
  let accumulated: Float32Array | undefined;
  for (let first = 0; first < lines; first += linesPerChunk) {
    const count = Math.min(linesPerChunk, lines - first);
    const n = count * outWidth;
    const columns = backend.makeOutput([1, k, n], 'float32');
    const dyChunk =
      count === lines
        ? callWasmKernel('Reshape', backend, { x: dy }, { shape: [1, n, outChannels] })
        : backend.makeOutput([1, n, outChannels], 'float32');
    const cols = heapView(backend, columns);
    if (count !== lines) {
      heapView(backend, dyChunk).set(heapView(backend, dy).subarray(first * outWidth * outChannels, (first + count) * outWidth * outChannels));
    }
    for (let kh = 0; kh < filterHeight; kh++) {
      for (let kw = 0; kw < filterWidth; kw++) {
        const owMin = Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / strideWidth)));
        const owMax = Math.max(owMin, Math.min(outWidth, Math.floor((inWidth - 1 + left - kw) / strideWidth) + 1));
        for (let c = 0; c < inChannels; c++) {
          const row = ((kh * filterWidth + kw) * inChannels + c) * n;
          for (let l = 0; l < count; l++) {
            const line = first + l;
            const b = Math.floor(line / outHeight);
            const ih = (line % outHeight) * strideHeight + kh - top;
            const dst = row + l * outWidth;
            if (ih < 0 || ih >= inHeight) {
              cols.fill(0, dst, dst + outWidth);
              continue;
            }
            cols.fill(0, dst, dst + owMin);
            cols.fill(0, dst + owMax, dst + outWidth);
            const src = (c * batchSize + b) * planeSize + ih * inWidth + kw - left;
            if (strideWidth === 1) {
              cols.set(xT.subarray(src + owMin, src + owMax), dst + owMin);
            } else {
              for (let ow = owMin; ow < owMax; ow++) cols[dst + ow] = xT[src + ow * strideWidth]!;
            }
          }
        }
      }
    }
    const product = matMul(backend, columns, dyChunk);
    release(backend, columns, dyChunk);
    if (count === lines) {
      result = product;
    } else {
      const values = heapView(backend, product);
      if (accumulated) for (let i = 0; i < values.length; i++) accumulated[i]! += values[i]!;
      else accumulated = values.slice();
      release(backend, product);
    }
  }
  if (result) {
    result.shape = [...attrs.filterShape];
    return result;
  }
  return fromValues(backend, [...attrs.filterShape], accumulated!);
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
