import { commonServiceVariables, databaseVariables, objectStoreVariables, z } from '@microseg/config';

const shared = {
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  /** Model artifacts, training checkpoints and imported weights. */
  TRAINING_BUCKET: z.string().min(3).max(63).default('microseg-models'),
};

export const trainingConfigSchema = z.object({
  ...shared,
  /**
   * Worker processes this service starts beside itself (the local platform). In a cluster the
   * workers are their own pods (`src/worker-main.ts`) and this is 0.
   */
  TRAINING_LOCAL_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
  /** Extra environment for local workers, as JSON (tests shorten the ack wait). */
  TRAINING_WORKER_ENV: z.string().default('{}'),
});
export type TrainingConfig = z.infer<typeof trainingConfigSchema>;

export const workerConfigSchema = z.object({
  ...shared,
  /** `tensorflow` (tfjs-node[-gpu]), `wasm` or `cpu`; empty chooses the best present. */
  MICROSEG_TF_BACKEND: z.string().default(''),
  /**
   * Threads one training step uses on the wasm backend (the CPU path; tfjs-node sizes its own): 0 means
   * one per core this process may use, the pod's CPU limit (cgroup cpu.max) included, at most 8.
   */
  TRAINING_WASM_THREADS: z.coerce.number().int().min(0).max(8).default(0),
  /**
   * A job whose worker neither finishes nor heartbeats for this long is redelivered to another
   * worker, which resumes it from the last checkpoint (a killed worker costs this much delay).
   */
  TRAINING_ACK_WAIT_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** Deliveries of one job (crashes, hand-backs) before it is dead-lettered. */
  TRAINING_MAX_DELIVER: z.coerce.number().int().min(1).default(20),
  /** Names this worker in job records; default host name and pid. */
  TRAINING_WORKER_ID: z.string().optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
