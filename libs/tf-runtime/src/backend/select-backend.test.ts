import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { MicroSegError } from '@microseg/errors';
import { initBackend } from './select-backend.ts';

function recordingLogger() {
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const push = (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message });
  return { lines, info: push, warn: push };
}

const missing = async (specifier: string) => {
  throw new Error(`Cannot find package '${specifier}'`);
};

describe('initBackend', () => {
  it('falls back to wasm when neither tfjs-node package can be imported, and logs why', async () => {
    const logger = recordingLogger();
    const tried: string[] = [];
    const choice = await initBackend({
      logger,
      gpuVisible: () => true,
      importModule: (specifier) => {
        tried.push(specifier);
        return missing(specifier);
      },
    });
    expect(choice.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tried).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(choice.reason).toContain('@tensorflow/tfjs-node');
    expect(logger.lines[0]?.fields).toMatchObject({ backend: 'wasm', provider: '@tensorflow/tfjs-backend-wasm' });
  });

  it('does not try tfjs-node-gpu when no GPU is visible', async () => {
    const tried: string[] = [];
    await initBackend({
      gpuVisible: () => false,
      importModule: (specifier) => {
        tried.push(specifier);
        return missing(specifier);
      },
    });
    expect(tried).toEqual(['@tensorflow/tfjs-node']);
  });

  it('honours MICROSEG_TF_BACKEND=cpu', async () => {
    const choice = await initBackend({ preferred: 'CPU', importModule: missing });
    expect(choice).toMatchObject({ backend: 'cpu', reason: 'MICROSEG_TF_BACKEND' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('fails loudly when MICROSEG_TF_BACKEND=tensorflow but tfjs-node is absent', async () => {
    const failure = await initBackend({ preferred: 'tensorflow', importModule: missing, gpuVisible: () => false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MicroSegError);
    expect(failure).toMatchObject({ code: 'UNAVAILABLE', details: { preferred: 'tensorflow' } });
  });

  it('rejects an unknown MICROSEG_TF_BACKEND value', async () => {
    await expect(initBackend({ preferred: 'webgpu' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('registers the wasm gradient kernels so that wasm can train', async () => {
    await initBackend({ preferred: 'wasm' });
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')).toBeDefined();
  });
});
