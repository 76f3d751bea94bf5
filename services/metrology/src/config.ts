import { commonServiceVariables, databaseVariables, objectStoreVariables, z } from '@microseg/config';

export const metrologyConfigSchema = z.object({
  ...commonServiceVariables,
  ...databaseVariables,
  ...objectStoreVariables,
  METROLOGY_BUCKET: z
    .string()
    .min(3)
    .max(63)
    .default('microseg-metrology')
    .describe('where plots, accuracy maps and exports are stored; served as presigned URLs'),
  METROLOGY_PROBABILITY_BAND_BUCKET: z
    .string()
    .min(3)
    .max(63)
    .default('microseg-inference')
    .describe("the inference service's bucket (its INFERENCE_BUCKET), where a model mask's probability band lies; read only, for the measurements' intervals"),
  METROLOGY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(32)
    .default(2)
    .describe('masks measured at once by this process; each holds one decoded mask in memory'),
  METROLOGY_ACK_WAIT_MS: z.coerce.number().int().min(1_000).default(30_000).describe('redelivery deadline of a measurement job without a heartbeat'),
  METROLOGY_MAX_DELIVER: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(8)
    .describe('deliveries before a job that keeps failing for a transient reason is dead-lettered'),
});

export type MetrologyConfig = z.infer<typeof metrologyConfigSchema>;
