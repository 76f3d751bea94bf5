import { type KernelConfig, type KernelFunc, type TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { fromValues, heapView } from './wasm-heap.ts';

interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: backend_util.ExplicitPadding | 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Depthwise gradients cost O(pixels·taps·channels), a small share of a network's work, so direct loops over
 * the heap suffice; the loops run pixel-major so the innermost channel loop reads contiguous memory.
 */
function forEachTap(
  info: backend_util.Conv2DInfo,
  visit: (xBase: number, yBase: number, wBase: number) => void,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const yBase = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh * dilationHeight - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw * dilationWidth - left;
            if (iw < 0 || iw >= inWidth) continue;
            visit(((b * inHeight + ih) * inWidth + iw) * inChannels, yBase, (kh * filterWidth + kw) * outChannels);
          }
        }
      }
    }
  }
}

function depthwiseBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseAttrs & { filterShape: [number, number, number, number] };
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const info = backend_util.computeConv2DInfo(
    inputs.x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const x = heapView(backend, inputs.x);
  const dy = heapView(backend, inputs.dy);
  const channels = info.inChannels;
  const multiplier = info.outChannels / channels;
  const dw = new Float32Array(info.filterHeight * info.filterWidth * info.outChannels);
  forEachTap(info, (xBase, yBase, wBase) => {
    for (let c = 0; c < channels; c++) {
      const xv = x[xBase + c]!;
      for (let m = 0; m < multiplier; m++) {
        const o = c * multiplier + m;
        dw[wBase + o]! += xv * dy[yBase + o]!;
      }
    }
  });
  return fromValues(backend, [...attrs.filterShape], dw);
}

function depthwiseBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseAttrs & { inputShape: [number, number, number, number] };
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    inputs.filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const dy = heapView(backend, inputs.dy);
  const w = heapView(backend, inputs.filter);
  const channels = info.inChannels;
  const multiplier = info.outChannels / channels;
  const dx = new Float32Array(info.batchSize * info.inHeight * info.inWidth * channels);
  forEachTap(info, (xBase, yBase, wBase) => {
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let m = 0; m < multiplier; m++) {
        const o = c * multiplier + m;
        sum += dy[yBase + o]! * w[wBase + o]!;
      }
      dx[xBase + c]! += sum;
    }
  });
  return fromValues(backend, [...info.inShape], dx);
}

export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as KernelFunc,
};

export const depthwiseBackpropInputConfig: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as KernelFunc,
};
