import { commonServiceVariables, databaseVariables, objectStoreVariables, z } from '@microseg/config';

const shared = {
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  TRAINING_BUCKET: z
    .string()
    .min(3)
    .max(63)
    .default('microseg-models')
    .describe('model artifacts, training checkpoints and imported weights'),
  TRAINING_MAX_BATCH_PIXELS: z.coerce
    .number()
    .int()
    .min(32 * 32)
    .default(4 * 512 * 512)
    .describe(
      "most crop pixels one training step may hold (batch x crop x crop), sized to the training workers' memory: a job left at the paper's batch of 20 runs the largest batch that fits and records it in its recipe; a batch asked for explicitly that does not fit is refused. Default: 4 crops of 512x512 (a CPU worker); raise it for GPU workers",
    ),
};

export const trainingConfigSchema = z.object({
  ...shared,
  TRAINING_LOCAL_WORKERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(16)
    .default(1)
    .describe('training worker processes this service starts beside itself (the local platform); 0 in a cluster, where the workers are their own GPU pods'),
  TRAINING_WORKER_ENV: z.string().default('{}').describe('extra environment for those local workers, as a JSON object (tests shorten the ack wait)'),
});
export type TrainingConfig = z.infer<typeof trainingConfigSchema>;

export const workerConfigSchema = z.object({
  ...shared,
  MICROSEG_TF_BACKEND: z
    .string()
    .default('')
    .describe('`tensorflow` (tfjs-node / -gpu), `wasm` or `cpu`; empty: the best one present'),
  TRAINING_ENGINE: z
    // @microseg/onnx-training's TRAINING_ENGINES (the worker hands this to it, so the compiler keeps them one list),
    // written out so that the service, which reads this file too, does not load ONNX Runtime.
    .enum(['auto', 'onnxruntime', 'tfjs'])
    .default('auto')
    .describe(
      "what a training step runs on: `auto` trains on ONNX Runtime on CPU workers (every core, the pod's CPU limit included) for the networks it can train (UNet, UNet++, LinkNet over ResNet, VGG, DenseNet, SE-ResNet, MobileNet, EfficientNet encoders) and on tfjs otherwise (GPU workers: tfjs-node-gpu); `onnxruntime` asks for it on GPU workers too; `tfjs` never uses it. Both follow the same loss curve, and a job resumes on either. The engine and the reason are in the job's log",
    ),
  TRAINING_WASM_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(8)
    .default(0)
    .describe(
      "threads one training step uses on the wasm backend (the CPU path; tfjs-node sizes its own): 0 means one per core this process may use, the pod's CPU limit (cgroup cpu.max) included, at most 8; 1: the single-threaded build. Results are identical on any count",
    ),
  TRAINING_ACK_WAIT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60_000)
    .describe(
      'a job whose worker neither finishes nor heartbeats for this long is redelivered to another worker, which resumes it from the last checkpoint (a killed worker costs this much delay)',
    ),
  TRAINING_MAX_DELIVER: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('deliveries of one job (crashes, hand-backs) before it is dead-lettered'),
  TRAINING_WORKER_ID: z.string().optional().describe('names this worker in job records; unset: host name and pid'),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
