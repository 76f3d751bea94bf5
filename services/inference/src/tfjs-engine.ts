import type { Logger } from '@microseg/logging';
import type { BackendName } from '@microseg/tf-runtime';

export interface TfjsEngine {
  runtime: typeof import('@microseg/tf-runtime');
  backend: BackendName;
}

/** Starts TensorFlow.js (once) and hands it out: its import, its backend, the network's custom layers. */
export type StartTfjs = () => Promise<TfjsEngine>;

/**
 * TensorFlow.js, imported and started on its first use only: with the onnx engine a version runs on
 * ONNX Runtime and tfjs (~70 MiB resident) is needed only for the fallback, an artifact saved before
 * ONNX export, or cutting a version's encoder out for its out-of-distribution score. A failed start
 * is tried again by the next caller.
 */
export function lazyTfjs(preferred: string, logger: Logger): StartTfjs {
  let starting: Promise<TfjsEngine> | undefined;
  return () =>
    (starting ??= (async () => {
      // Registers the networks' custom layers, which loading an artifact's tfjs network needs.
      await import('@microseg/segmentation');
      const runtime = await import('@microseg/tf-runtime');
      const choice = await runtime.initBackend({ preferred, logger });
      logger.info({ tfjsBackend: choice.backend }, 'TensorFlow.js started');
      return { runtime, backend: choice.backend };
    })().catch((error: unknown) => {
      starting = undefined;
      throw error;
    }));
}
