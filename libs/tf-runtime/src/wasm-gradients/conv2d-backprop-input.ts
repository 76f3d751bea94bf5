import { type KernelConfig, type KernelFunc, type TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MAX_COLUMN_FLOATS, assertChannelsLast, callWasmKernel, fromValues, heapView, matMul, release } from './wasm-heap.ts';

interface Conv2DBackpropInputAttrs {
  strides: [number, number] | number;
  pad: backend_util.ExplicitPadding | 'valid' | 'same' | number;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

type ConvInfo = backend_util.Conv2DInfo;

/**
 * The wasm build ships this kernel as plain loops (about 10x slower than its XNNPACK convolution). With
 * stride 1, dx is a convolution of dy with the flipped, in/out-swapped filter: XNNPACK speed. Otherwise
 * dx = col2im(dy · Wᵀ), the matmul on XNNPACK and the scatter-add in JS. Deep, small layers (fewer output
 * pixels than twice the output channels) take a third route, see viaFilterProduct.
 */
function conv2dBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: BackendWasm; attrs: Conv2DBackpropInputAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  assertChannelsLast('Conv2DBackpropInput', attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    inputs.filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { filterHeight, filterWidth, padInfo } = info;
  const fitsFlippedConv =
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    Math.max(padInfo.top, padInfo.bottom) <= filterHeight - 1 &&
    Math.max(padInfo.left, padInfo.right) <= filterWidth - 1;
  const pixels = info.batchSize * info.outHeight * info.outWidth;
  if (pixels <= 2 * info.outChannels) return viaFilterProduct(backend, inputs.dy, inputs.filter, info);
  return fitsFlippedConv ? viaFlippedConv(backend, inputs.dy, inputs.filter, info) : viaCol2im(backend, inputs.dy, inputs.filter, info);
}

/**
 * Both other routes copy the whole filter in JS (flipped, or transposed) and XNNPACK packs that copy again,
 * which in deep layers (8x8x512 with a 3x3x512x512 filter) costs several times the product. Here the filter
 * is the product's left operand as it lies ([fh·fw·ci, co]); only dyᵀ ([co, n], small there) is packed:
 * columnsᵀ = W · dyᵀ, then the columns are scattered back into dx.
 */
function viaFilterProduct(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const k = filterHeight * filterWidth * inChannels;
  const n = batchSize * outHeight * outWidth;
  const dyT = callWasmKernel('Transpose', backend, { x: dy }, { perm: [3, 0, 1, 2] });
  const weights = callWasmKernel('Reshape', backend, { x: filter }, { shape: [1, k, outChannels] });
  const gradients = callWasmKernel('Reshape', backend, { x: dyT }, { shape: [1, outChannels, n] });
  const columns = matMul(backend, weights, gradients);
  release(backend, dyT, weights, gradients);
  const cols = heapView(backend, columns);
  const dx = new Float32Array(batchSize * inHeight * inWidth * inChannels);
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const tapRow = (kh * filterWidth + kw) * inChannels * n;
      for (let b = 0; b < batchSize; b++) {
        for (let oh = 0; oh < outHeight; oh++) {
          const ih = oh * strideHeight + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let ow = 0; ow < outWidth; ow++) {
            const iw = ow * strideWidth + kw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const dst = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            let src = tapRow + (b * outHeight + oh) * outWidth + ow;
            for (let c = 0; c < inChannels; c++, src += n) dx[dst + c]! += cols[src]!;
          }
        }
      }
    }
  }
  release(backend, columns);
  return fromValues(backend, [...info.inShape], dx);
}

function viaFlippedConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co, padInfo } = info;
  const w = heapView(backend, filter);
  const flipped = new Float32Array(w.length);
  for (let kh = 0; kh < fh; kh++) {
    for (let kw = 0; kw < fw; kw++) {
      const src = (kh * fw + kw) * ci * co;
      const dst = ((fh - 1 - kh) * fw + (fw - 1 - kw)) * co * ci;
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) flipped[dst + o * ci + i] = w[src + i * co + o]!;
    }
  }
  const flippedFilter = fromValues(backend, [fh, fw, co, ci], flipped);
  const pad: backend_util.ExplicitPadding = [
    [0, 0],
    [fh - 1 - padInfo.top, fh - 1 - padInfo.bottom],
    [fw - 1 - padInfo.left, fw - 1 - padInfo.right],
    [0, 0],
  ];
  const dx = callWasmKernel('Conv2D', backend, { x: dy, filter: flippedFilter }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 });
  release(backend, flippedFilter);
  return dx;
}

function viaCol2im(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const k = filterHeight * filterWidth * inChannels;
  const w = heapView(backend, filter);
  const transposed = new Float32Array(w.length);
  for (let r = 0; r < k; r++) for (let o = 0; o < outChannels; o++) transposed[o * k + r] = w[r * outChannels + o]!;
  const filterT = fromValues(backend, [1, outChannels, k], transposed);

  const dx = new Float32Array(batchSize * inHeight * inWidth * inChannels);
  const lines = batchSize * outHeight;
  const linesPerChunk = Math.max(1, Math.min(lines, Math.floor(MAX_COLUMN_FLOATS / (k * outWidth))));
  for (let first = 0; first < lines; first += linesPerChunk) {
    const count = Math.min(linesPerChunk, lines - first);
    const n = count * outWidth;
    const dyChunk = backend.makeOutput([1, n, outChannels], 'float32');
    heapView(backend, dyChunk).set(heapView(backend, dy).subarray(first * outWidth * outChannels, (first + count) * outWidth * outChannels));
    const columns = matMul(backend, dyChunk, filterT);
    const cols = heapView(backend, columns);
    for (let l = 0; l < count; l++) {
      const line = first + l;
      const b = Math.floor(line / outHeight);
      const oh = line % outHeight;
      for (let ow = 0; ow < outWidth; ow++) {
        const colBase = (l * outWidth + ow) * k;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const dst = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            const src = colBase + (kh * filterWidth + kw) * inChannels;
            for (let c = 0; c < inChannels; c++) dx[dst + c]! += cols[src + c]!;
          }
        }
      }
    }
    release(backend, dyChunk, columns);
  }
  release(backend, filterT);
  return fromValues(backend, [...info.inShape], dx);
}

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as KernelFunc,
};
