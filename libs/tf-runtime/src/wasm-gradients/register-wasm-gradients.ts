// tfjs-core's op gradients are registered as a side effect of the layers bundle (core's own
// register_all_gradients module is ESM without file extensions and does not load in Node).
import '@tensorflow/tfjs-layers';
import { type KernelConfig, getGradient, getKernel, registerGradient, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { leanBatchNormGradient } from './batch-norm-gradient.ts';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { depthwiseBackpropFilterConfig, depthwiseBackpropInputConfig } from './depthwise-backprop.ts';
import { maxPoolGradConfig } from './max-pool-backprop.ts';

/**
 * Gradient kernels the wasm build lacks (Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter/Input),
 * Conv2DBackpropInput, which it has only as slow loops, and MaxPoolGrad, which it gets wrong for windows whose
 * maximum is negative. Every other kernel the segmentation networks differentiate through (AvgPoolGrad,
 * ResizeBilinearGrad, ResizeNearestNeighborGrad, the element-wise ops behind batch-norm gradients) is native to
 * the wasm backend.
 */
export const WASM_GRADIENT_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  maxPoolGradConfig,
];

/**
 * Idempotent; replaces the backend's own version where one exists (registerKernel would warn on console).
 * Also installs the lean batch-norm gradient, for every backend (same values, less memory traffic).
 */
export function registerWasmGradientKernels(): void {
  if (getGradient('FusedBatchNorm') !== leanBatchNormGradient) registerGradient(leanBatchNormGradient);
  for (const config of WASM_GRADIENT_KERNELS) {
    const existing = getKernel(config.kernelName, 'wasm');
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing) unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
}
