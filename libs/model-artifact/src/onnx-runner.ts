import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { invalidInput } from '@microseg/errors';
import { nchwToNhwc, nhwcToNchw } from '@microseg/onnx-export';
import type { InferenceSession } from 'onnxruntime-node';
import type { TensorData } from './test-vector.ts';

export const ONNX_DEVICES = ['auto', 'cpu', 'cuda'] as const;
export type OnnxDevice = (typeof ONNX_DEVICES)[number];

export interface OnnxRunnerOptions {
  /** ONNX Runtime's intra-op threads (one inference uses them all). Default: defaultThreads(). */
  threads?: number;
  /** The graph's input and output names (an imported graph keeps its own); default ONNX_INPUT and ONNX_OUTPUT. */
  names?: { input: string; output: string };
  /**
   * Execution provider: `cpu`; `cuda` (fails when the CUDA provider cannot start); `auto` (default
   * `cpu`): CUDA where its provider library is installed and starts, else CPU with the reason kept.
   */
  device?: OnnxDevice;
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

/**
 * The CUDA execution provider is not in the npm package (its install script downloads it, which the
 * workspace skips): it is present only where an image put libonnxruntime_providers_cuda.so beside the binding.
 */
export function cudaProviderLibrary(): string | undefined {
  const packageDir = dirname(dirname(createRequire(import.meta.url).resolve('onnxruntime-node')));
  const library = join(packageDir, 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so');
  return existsSync(library) ? library : undefined;
}

/** One ONNX Runtime session that takes and gives NHWC tensors like the tfjs model. */
export interface OnnxRunner {
  readonly threads: number;
  /** The execution provider the session runs on. */
  readonly provider: 'cpu' | 'cuda';
  /** Why `auto` runs on the CPU (no CUDA provider library, or it did not start). */
  readonly cpuReason?: string;
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
  const device = options.device ?? 'cpu';
  if (!(ONNX_DEVICES as readonly string[]).includes(device)) throw invalidInput(`device must be ${ONNX_DEVICES.join(', ')}, got ${device}`, { device });
  const create = (provider: 'cpu' | 'cuda') =>
    ort.InferenceSession.create(bytes, {
      executionProviders: provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  let session: InferenceSession;
  let provider: 'cpu' | 'cuda' = 'cpu';
  let cpuReason: string | undefined;
  try {
    if (device === 'cpu') {
      session = await create('cpu');
    } else if (device === 'auto' && !cudaProviderLibrary()) {
      cpuReason = 'the CUDA execution provider library is not installed';
      session = await create('cpu');
    } else {
      try {
        session = await create('cuda');
        provider = 'cuda';
      } catch (error) {
        if (device === 'cuda') throw error;
        cpuReason = `the CUDA execution provider did not start: ${(error as Error).message}`;
        session = await create('cpu');
      }
    }
  } catch (cause) {
    throw invalidInput('ONNX Runtime cannot load the model', { reason: 'model-invalid', device }, cause);
  }
  const inputName = options.names?.input ?? ONNX_INPUT;
  const outputName = options.names?.output ?? ONNX_OUTPUT;
  return {
    threads,
    provider,
    ...(cpuReason === undefined ? {} : { cpuReason }),
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
