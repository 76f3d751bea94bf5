import {
  commonServiceVariables,
  databaseVariables,
  objectStoreVariables,
  z,
} from '@microseg/config';

export const metrologyConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  /** Where plots and exports are stored; served as presigned URLs. */
  METROLOGY_BUCKET: z.string().min(3).max(63).default('microseg-metrology'),
  /** Masks measured at once by this process; each holds one decoded mask in memory. */
  METROLOGY_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Redelivery deadline of a measurement job without a heartbeat. */
  METROLOGY_ACK_WAIT_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Deliveries before a job that keeps failing for a transient reason is dead-lettered. */
  METROLOGY_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
});

export type MetrologyConfig = z.infer<typeof metrologyConfigSchema>;
