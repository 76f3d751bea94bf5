import { parseConfig, z } from '@microseg/config';

/** The environment `microseg` reads; each variable also has a flag, which wins. */
export const cliEnvironmentSchema = z.object({
  MICROSEG_URL: z.string().url().optional().describe('the gateway (`--url`); unset: `http://127.0.0.1:4000/graphql`'),
  MICROSEG_API_KEY: z.string().min(1).optional().describe('the API key commands authenticate with (`--api-key`)'),
  MICROSEG_PLATFORM_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe("the platform admin secret `admin bootstrap` sends (`--platform-secret`), where the identity service has `PLATFORM_ADMIN_SECRET`"),
  MICROSEG_TF_BACKEND: z
    .string()
    .default('')
    .describe('engine commands (`predict`, `model import`): `tensorflow`, `wasm` or `cpu`; empty: the best one present'),
  MICROSEG_CODE_VERSION: z.string().min(1).default('unknown').describe('recorded in the model artifacts `model import` writes'),
});

export type CliEnvironment = z.infer<typeof cliEnvironmentSchema>;

/** Parsed on each call (cheap), so a test may hand its own environment; bad values are typed INVALID_INPUT. */
export function cliEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): CliEnvironment {
  return parseConfig(cliEnvironmentSchema, env);
}
