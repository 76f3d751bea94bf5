import { type KernelConfig, type KernelFunc, type TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { fromValues, heapView } from './wasm-heap.ts';

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The wasm build's MaxPoolGrad sends a window's gradient to the wrong place when the window's maximum is
 * negative (it starts its search at 0, not -inf: measured 60-70% off against the cpu backend and ONNX Runtime on
 * max pools that read a convolution or batch norm directly, as Xception's do; after a ReLU it is right). This one
 * follows the cpu backend: each window's first maximum, from -inf, gets the window's gradient (summed where windows
 * overlap). One pass over the heap.
 */
function maxPoolGrad(args: { inputs: { dy: TensorInfo; input: TensorInfo }; backend: BackendWasm; attrs: MaxPoolGradAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const info = backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const x = heapView(backend, inputs.input);
  const dy = heapView(backend, inputs.dy);
  const dx = new Float32Array(x.length);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - padInfo.top;
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - padInfo.left;
        const gradientBase = ((b * outHeight + oh) * outWidth + ow) * inChannels;
        for (let c = 0; c < inChannels; c++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let fh = 0; fh < filterHeight; fh++) {
            const h = h0 + fh;
            if (h < 0 || h >= inHeight) continue;
            for (let fw = 0; fw < filterWidth; fw++) {
              const w = w0 + fw;
              if (w < 0 || w >= inWidth) continue;
              const index = ((b * inHeight + h) * inWidth + w) * inChannels + c;
              if (x[index]! > best) {
                best = x[index]!;
                at = index;
              }
            }
          }
          if (at >= 0) dx[at]! += dy[gradientBase + c]!;
        }
      }
    }
  }
  return fromValues(backend, [...inputs.input.shape], dx);
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
