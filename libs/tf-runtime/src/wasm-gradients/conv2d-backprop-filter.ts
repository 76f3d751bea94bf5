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

type ConvInfo = backend_util.Conv2DInfo;

/**
 * Writes im2col rows [k, n] for output lines [first, first+count) (a line = one output row of one image).
 * With stride 1 and equal widths a tap's rows for consecutive lines are one contiguous run of the
 * channel-major input, so each row is a single block copy plus zeroed border columns.
 */
function fillColumns(cols: Float32Array, xT: Float32Array, info: ConvInfo, first: number, count: number): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const n = count * outWidth;
  const planeSize = inHeight * inWidth;
  const contiguous = strideHeight === 1 && strideWidth === 1 && inWidth === outWidth;
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const owMin = Math.min(outWidth, Math.max(0, Math.ceil((left - kw) / strideWidth)));
      const owMax = Math.max(owMin, Math.min(outWidth, Math.floor((inWidth - 1 + left - kw) / strideWidth) + 1));
      for (let c = 0; c < inChannels; c++) {
        const row = ((kh * filterWidth + kw) * inChannels + c) * n;
        if (!contiguous) {
          for (let l = 0; l < count; l++) {
            const line = first + l;
            const ih = (line % outHeight) * strideHeight + kh - top;
            const dst = row + l * outWidth;
            if (ih < 0 || ih >= inHeight) {
              cols.fill(0, dst, dst + outWidth);
              continue;
            }
            cols.fill(0, dst, dst + owMin);
            cols.fill(0, dst + owMax, dst + outWidth);
            const src = (c * batchSize + Math.floor(line / outHeight)) * planeSize + ih * inWidth + kw - left;
            for (let ow = owMin; ow < owMax; ow++) cols[dst + ow] = xT[src + ow * strideWidth]!;
          }
          continue;
        }
        for (let l = 0; l < count; ) {
          const line = first + l;
          const b = Math.floor(line / outHeight);
          const oh0 = line % outHeight;
          const lines = Math.min(count - l, outHeight - oh0);
          const dstOf = (oh: number) => row + (l + oh - oh0) * outWidth;
          const ohLo = Math.min(oh0 + lines, Math.max(oh0, top - kh));
          const ohHi = Math.max(ohLo, Math.min(oh0 + lines, inHeight + top - kh));
          cols.fill(0, dstOf(oh0), dstOf(ohLo));
          cols.fill(0, dstOf(ohHi), dstOf(oh0 + lines));
          if (ohHi > ohLo) {
            const src = (c * batchSize + b) * planeSize + (ohLo + kh - top) * inWidth + kw - left;
            const from = Math.max(0, src);
            const to = Math.min(xT.length, src + (ohHi - ohLo) * inWidth);
            cols.set(xT.subarray(from, to), dstOf(ohLo) + from - src);
            // Border columns picked up the neighbouring row's pixels (or nothing, at the array's ends).
            for (let oh = ohLo; oh < ohHi; oh++) {
              const dst = dstOf(oh);
              for (let ow = 0; ow < owMin; ow++) cols[dst + ow] = 0;
              for (let ow = owMax; ow < outWidth; ow++) cols[dst + ow] = 0;
            }
          }
          l += lines;
        }
      }
    }
  }
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
 * The im2col route copies k·n column values for k·n·co multiply-adds, and the copying runs in JS on one
 * thread: with few output channels it costs more than the product. At or below this many output channels
 * dW is computed as a convolution instead (XNNPACK, every thread, no columns).
 */
const MAX_CONVOLUTION_ROUTE_CHANNELS = 32;

/**
 * dW as a convolution with the roles swapped: every input channel becomes a one-channel image ([ci, H, W, b]),
 * over which dy, as a filter of oh×ow taps dilated by the stride ([oh, ow, b, co]), slides at stride 1; the
 * fh×fw output positions are the filter taps, so the result is dW as [ci, fh, fw, co]. Each sum runs over the
 * output pixels in order, as the im2col product's does. Returns undefined where the last tap would need a
 * negative padding (the stride skips the input's last rows or columns, e.g. 1x1 stride 2 'valid').
 */
function viaConvolution(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo | undefined {
  const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const bottom = filterHeight - inHeight - top + (outHeight - 1) * strideHeight;
  const right = filterWidth - inWidth - left + (outWidth - 1) * strideWidth;
  if (bottom < 0 || right < 0) return undefined;
  const images = callWasmKernel('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
  const taps =
    batchSize === 1
      ? callWasmKernel('Reshape', backend, { x: dy }, { shape: [outHeight, outWidth, 1, outChannels] })
      : callWasmKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const product = callWasmKernel(
    'Conv2D',
    backend,
    { x: images, filter: taps },
    { strides: 1, dilations: [strideHeight, strideWidth], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC' },
  );
  release(backend, images, taps);
  const dw = callWasmKernel('Transpose', backend, { x: product }, { perm: [1, 2, 0, 3] });
  release(backend, product);
  return dw;
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
  if (info.outChannels <= MAX_CONVOLUTION_ROUTE_CHANNELS) {
    const dw = viaConvolution(backend, x, dy, info);
    if (dw) return dw;
  }
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const k = filterHeight * filterWidth * inChannels;
  const lines = batchSize * outHeight;
  const linesPerChunk = Math.max(1, Math.min(lines, Math.floor(MAX_COLUMN_FLOATS / (k * outWidth))));
  const xT = channelMajor(heapView(backend, x), batchSize * inHeight * inWidth, inChannels);

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
    fillColumns(cols, xT, info, first, count);
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
