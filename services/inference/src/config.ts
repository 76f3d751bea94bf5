import { commonServiceVariables, databaseVariables, objectStoreVariables, z } from '@microseg/config';
import { ONNX_DEVICES } from '@microseg/model-artifact';
import { parseAllowedNetworks } from '@microseg/network-policy';
import { INFERENCE_ENGINES } from './model-loader.ts';

export const inferenceConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  /**
   * `onnx`: ONNX Runtime (artifacts saved before ONNX export get their graph exported on load); `tfjs`:
   * the TensorFlow.js engine on MICROSEG_TF_BACKEND, kept as a fallback.
   */
  INFERENCE_ENGINE: z.enum(INFERENCE_ENGINES).default('onnx'),
  /** ONNX Runtime intra-op threads for one image; 0: one per core, capped by the container's CPU limit (cgroup cpu.max). */
  INFERENCE_ONNX_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  /** `auto`: CUDA where its execution provider is installed and starts (the GPU image), else CPU; or force `cpu` / `cuda`. */
  INFERENCE_ONNX_DEVICE: z.enum(ONNX_DEVICES).default('auto'),
  /**
   * Tiles per ONNX Runtime run. Measured on UNet-ResNet18, 512 px tiles: 2 takes ~15% less CPU per tile than 1,
   * 4 ~20%; each tile in a batch holds ~224 MiB of working memory.
   */
  INFERENCE_TILE_BATCH: z.coerce.number().int().min(1).max(16).default(2),
  /** tfjs engine: `tensorflow`, `wasm` or `cpu`; empty: the best one present. */
  MICROSEG_TF_BACKEND: z.string().default(''),
  /** Where optional probability maps are stored. */
  INFERENCE_BUCKET: z.string().min(3).max(63).default('microseg-inference'),
  /** Images segmented at once by this process. */
  INFERENCE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * tfjs engine: worker threads per loaded model for the tiles (wasm/cpu), started once per model. At least one
   * keeps the network off the service's thread, which must answer requests and health meanwhile;
   * more use more cores for one image. 0 runs the tiles in the service thread (tests of the engine).
   */
  INFERENCE_TILE_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  /** Memory of loaded models (weights, tile workers' copies, ONNX Runtime working memory); the least recently used is evicted past it. */
  INFERENCE_MODEL_CACHE_MB: z.coerce.number().int().min(1).default(1024),
  INFERENCE_ACK_WAIT_MS: z.coerce.number().int().min(1_000).default(60_000),
  INFERENCE_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
  /** A receiver that answers nothing within this is counted as a failed attempt. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Attempts per delivery (the first included) before it is dead-lettered. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** First retry delay; it doubles per attempt up to WEBHOOK_RETRY_MAX_MS. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(5 * 60_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /**
   * Networks webhooks may reach besides public addresses, comma separated: ranges
   * (`10.20.0.0/16`), addresses, host names (`lims.lab.internal`, `*.lab.internal`) of an
   * on-premises LIMS. Empty: loopback, private, link-local and other special addresses are refused.
   */
  WEBHOOK_ALLOWED_NETWORKS: z.string().default('').transform((setting, context) => {
    try {
      return parseAllowedNetworks(setting);
    } catch (error) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      return z.NEVER;
    }
  }),
});

export type InferenceConfig = z.infer<typeof inferenceConfigSchema>;
