import { commonServiceVariables, databaseVariables, objectStoreVariables, z } from '@microseg/config';
import { ONNX_DEVICES } from '@microseg/model-artifact/onnx';
import { parseAllowedNetworks } from '@microseg/network-policy';
import { INFERENCE_ENGINES } from './model-loader.ts';

export const inferenceConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  INFERENCE_ENGINE: z
    .enum(INFERENCE_ENGINES)
    .default('onnx')
    .describe(
      '`onnx`: ONNX Runtime (artifacts saved before ONNX export get their graph exported on load, models imported from bioimage.io packages run only here); `tfjs`: the TensorFlow.js engine on `MICROSEG_TF_BACKEND`, kept as a fallback',
    ),
  INFERENCE_ONNX_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(256)
    .default(0)
    .describe("ONNX Runtime intra-op threads for one image; 0: one per core, capped by the container's CPU limit (cgroup cpu.max)"),
  INFERENCE_ONNX_DEVICE: z
    .enum(ONNX_DEVICES)
    .default('auto')
    .describe('`auto`: CUDA where its execution provider is installed and starts (the GPU image), else CPU with the reason logged; or force `cpu` / `cuda`'),
  INFERENCE_TILE_BATCH: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    .default(2)
    .describe(
      'tiles per ONNX Runtime run. Measured on UNet-ResNet18, 512 px tiles: 2 take ~15% less CPU per tile than 1, 4 ~20%; each tile in a batch holds ~224 MiB of working memory',
    ),
  MICROSEG_TF_BACKEND: z
    .string()
    .default('')
    .describe('tfjs engine: `tensorflow` (tfjs-node / -gpu), `wasm` or `cpu`; empty: the best one present'),
  INFERENCE_BUCKET: z.string().min(3).max(63).default('microseg-inference').describe('where optional probability maps are stored'),
  INFERENCE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1).describe('images segmented at once by this process'),
  INFERENCE_TILE_WORKERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(1)
    .describe(
      "tfjs engine: worker threads per loaded model for the tiles (wasm/cpu), started once per model: at least one keeps the network off the service's thread, which must answer requests and health meanwhile; more use more cores for one image; 0 runs the tiles in the service thread (tests of the engine)",
    ),
  INFERENCE_MODEL_CACHE_MB: z.coerce
    .number()
    .int()
    .min(1)
    .default(1024)
    .describe("memory of loaded models (weights, tile workers' copies, ONNX Runtime's working memory per batched tile); the least recently used model is evicted past it"),
  INFERENCE_ACK_WAIT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60_000)
    .describe('redelivery deadline of a segmentation job whose worker stops heartbeating'),
  INFERENCE_MAX_DELIVER: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(8)
    .describe('deliveries of a segmentation job before it is dead-lettered'),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('a webhook receiver that answers nothing within this is counted as a failed attempt'),
  WEBHOOK_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(6)
    .describe('attempts per delivery (the first included) before it is dead-lettered'),
  WEBHOOK_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(1_000)
    .describe('first retry delay of a webhook delivery; it doubles per attempt up to `WEBHOOK_RETRY_MAX_MS`'),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(5 * 60_000).describe('the longest delay between two delivery attempts'),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8).describe('webhook deliveries in flight at once'),
  WEBHOOK_ALLOWED_NETWORKS: z.string().default('').transform((setting, context) => {
    try {
      return parseAllowedNetworks(setting);
    } catch (error) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      return z.NEVER;
    }
  })
    .describe(
      'networks webhooks may reach besides public addresses, comma separated: ranges (`10.20.0.0/16`, `fd12::/48`), addresses, host names (`lims.lab.internal`, `*.lab.internal`) of an on-premises LIMS. Empty: a webhook to a loopback, private (10/8, 172.16/12, 192.168/16, CGNAT 100.64/10, fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), unspecified, multicast, broadcast or reserved address is refused, in any spelling (`127.1`, `2130706433`, `[::ffff:7f00:1]`): a literal one at `createWebhook` (INVALID_INPUT, `details.rule`), a host name at each delivery, where every address it resolves to is judged and the request goes to the vetted address only (delivery state `refused`, never retried). An allowed host name may resolve to private addresses, never to loopback, link-local or unspecified ones: those need a range. Redirects are not followed',
    ),
});

export type InferenceConfig = z.infer<typeof inferenceConfigSchema>;
