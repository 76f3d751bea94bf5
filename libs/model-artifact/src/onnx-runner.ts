import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { invalidInput } from '@microseg/errors';
import { nchwToNhwc, nhwcToNchw } from '@microseg/onnx-export';
import type { InferenceSession } from 'onnxruntime-node';
import type { TensorData } from './test-vector.ts';

export interface OnnxRunnerOptions {
  /** ONNX Runtime's intra-op threads (one inference uses them all). Default: defaultThreads(). */
  threads?: number;
  /** The graph's input and output names (an imported graph keeps its own); default ONNX_INPUT and ONNX_OUTPUT. */
  names?: { input: string; output: string };
}

/**
 * One thread per core this process may use: os.availableParallelism() follows the CPU affinity but not a
 * container's CPU quota (cgroup v2 `cpu.max`, a Kubernetes CPU limit), so the quota rounded up caps it;
 * more threads than the quota only queue behind the throttle.
 */
export function defaultThreads(cpuMaxFile = '/sys/fs/cgroup/cpu.max'): number {
  const cores = availableParallelism();
  let text: string;
  try {
    text = readFileSync(cpuMaxFile, 'utf8');
  } catch {
    return cores;
  }
  const [quota, period] = text.trim().split(/\s+/);
  const limit = Math.ceil(Number(quota) / Number(period));
  return Number.isFinite(limit) && limit >= 1 ? Math.min(cores, limit) : cores;
}

/** One ONNX Runtime session (CPU execution provider) that takes and gives NHWC tensors like the tfjs model. */
export interface OnnxRunner {
  readonly threads: number;
  run(input: TensorData): Promise<TensorData>;
  release(): Promise<void>;
}

export const ONNX_INPUT = 'image';
export const ONNX_OUTPUT = 'probabilities';

export async function createOnnxRunner(bytes: Uint8Array, options: OnnxRunnerOptions = {}): Promise<OnnxRunner> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw invalidInput(`threads must be a positive integer, got ${threads}`, { threads });
  // Loaded on first use: the native binding costs memory that tfjs-only processes need not pay.
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (cause) {
    throw invalidInput('ONNX Runtime cannot load the model', { reason: 'model-invalid' }, cause);
  }
  const inputName = options.names?.input ?? ONNX_INPUT;
  const outputName = options.names?.output ?? ONNX_OUTPUT;
  return {
    threads,
    async run(input) {
      const [n, h, w, c] = input.shape as [number, number, number, number];
      const feeds = { [inputName]: new ort.Tensor('float32', nhwcToNchw(input.data, input.shape), [n, c, h, w]) };
      const result = await session.run(feeds);
      const output = result[outputName];
      if (!output) throw invalidInput(`the ONNX model has no output '${outputName}'`, { reason: 'model-invalid', outputs: Object.keys(result) });
      try {
        const [on, oc, oh, ow] = output.dims as [number, number, number, number];
        return { shape: [on, oh, ow, oc], data: nchwToNhwc(output.data as Float32Array, output.dims) };
      } finally {
        output.dispose();
      }
    },
    release: () => session.release(),
  };
}
