import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { MicroSegError } from '@microseg/errors';
import { type RuntimeLogger, silentLogger } from '../logger.ts';
import { registerWasmGradientKernels } from '../wasm-gradients/register-wasm-gradients.ts';
import { useThreadedWasm, wasmThreads } from './threaded-wasm.ts';

export const BackendName = { TENSORFLOW: 'tensorflow', WASM: 'wasm', CPU: 'cpu' } as const;
export type BackendName = (typeof BackendName)[keyof typeof BackendName];

export interface InitBackendOptions {
  /** The value of MICROSEG_TF_BACKEND, read by the caller's config; empty or absent means choose automatically. */
  preferred?: string | undefined;
  logger?: RuntimeLogger;
  /** How optional packages are imported; tests replace it to simulate installed or missing tfjs-node. */
  importModule?: (specifier: string) => Promise<unknown>;
  /** Whether a CUDA device is visible to this process. */
  gpuVisible?: () => boolean;
  /**
   * XNNPACK threads when the backend is wasm: 1 (default) is the single-threaded build, more start the
   * threaded build (see useThreadedWasm). Fixed for the life of the process.
   */
  wasmThreads?: number;
}

export interface BackendChoice {
  backend: BackendName;
  /** The package that provides the backend, e.g. `@tensorflow/tfjs-node-gpu`. */
  provider: string;
  reason: string;
  /** The wasm backend's XNNPACK threads; absent for other backends. */
  threads?: number;
}

const defaultImport = (specifier: string): Promise<unknown> => import(specifier);

function defaultGpuVisible(): boolean {
  const devices = process.env.CUDA_VISIBLE_DEVICES;
  if (devices !== undefined && (devices.trim() === '' || devices.trim() === '-1')) return false;
  return existsSync('/dev/nvidiactl') || existsSync('/dev/nvidia0');
}

function parsePreferred(value: string | undefined): BackendName | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const normalised = value.trim().toLowerCase();
  if (normalised === 'tensorflow' || normalised === 'wasm' || normalised === 'cpu') return normalised;
  throw new MicroSegError('INVALID_INPUT', `MICROSEG_TF_BACKEND must be tensorflow, wasm or cpu, got "${value}"`, {
    details: { field: 'MICROSEG_TF_BACKEND', value },
  });
}

/**
 * Loads tfjs-node-gpu (when a GPU is visible) or tfjs-node. They are optional peer dependencies: their
 * install step downloads libtensorflow, so only the GPU/CPU container images carry them.
 */
async function loadTensorflow(
  importModule: (specifier: string) => Promise<unknown>,
  gpuVisible: boolean,
): Promise<{ provider: string } | { failures: string[] }> {
  const candidates = gpuVisible ? ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] : ['@tensorflow/tfjs-node'];
  const failures: string[] = [];
  for (const provider of candidates) {
    try {
      await importModule(provider);
      return { provider };
    } catch (error) {
      failures.push(`${provider}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { failures };
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Chooses and activates the TensorFlow.js backend once at start: tensorflow (native) > wasm > cpu, or the
 * one MICROSEG_TF_BACKEND names (then failing loudly rather than silently running 30x slower).
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendChoice> {
  const logger = options.logger ?? silentLogger;
  const importModule = options.importModule ?? defaultImport;
  const preferred = parsePreferred(options.preferred);
  const gpuVisible = (options.gpuVisible ?? defaultGpuVisible)();
  // tfjs writes its own notices (e.g. "install tfjs-node") to the console unless PROD; we log the choice instead.
  tf.env().set('PROD', true);
  registerWasmGradientKernels();
  const threads = options.wasmThreads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new MicroSegError('INVALID_INPUT', `wasm threads must be a positive integer, got ${threads}`, { details: { field: 'wasmThreads', value: threads } });
  }
  if (threads > 1) useThreadedWasm(threads);

  const order: BackendName[] = preferred ? [preferred] : ['tensorflow', 'wasm', 'cpu'];
  const skipped: string[] = [];
  for (const name of order) {
    if (name === 'tensorflow') {
      const loaded = await loadTensorflow(importModule, gpuVisible);
      if ('provider' in loaded && (await activate('tensorflow'))) {
        return announce(logger, { backend: 'tensorflow', provider: loaded.provider, reason: reasonFor(preferred, skipped) });
      }
      skipped.push(...('failures' in loaded ? loaded.failures : ['tensorflow backend did not register']));
      continue;
    }
    if (await activate(name)) {
      const choice = { backend: name, provider: `@tensorflow/tfjs-backend-${name}`, reason: reasonFor(preferred, skipped) };
      return announce(logger, name === 'wasm' ? { ...choice, threads: wasmThreads() } : choice);
    }
    skipped.push(`${name}: backend failed to initialise`);
  }
  throw new MicroSegError('UNAVAILABLE', `TensorFlow.js backend ${preferred ?? 'auto'} is not available`, {
    retryable: false,
    details: { preferred: preferred ?? null, failures: skipped },
  });
}

function reasonFor(preferred: BackendName | undefined, skipped: string[]): string {
  if (preferred) return 'MICROSEG_TF_BACKEND';
  return skipped.length === 0 ? 'first choice' : `fallback after: ${skipped.join('; ')}`;
}

function announce(logger: RuntimeLogger, choice: BackendChoice): BackendChoice {
  logger.info({ backend: choice.backend, provider: choice.provider, reason: choice.reason, threads: choice.threads }, 'tensorflow.js backend selected');
  return choice;
}
