import { commonServiceVariables, z } from '@microseg/config';

/**
 * What `pnpm start` reads. A set DATABASE_URL, NATS_URL or S3_ENDPOINT means "use that server, start
 * none"; unset, an embedded one keeps its data under MICROSEG_DATA_DIR.
 */
export const localPlatformConfigSchema = z.object({
  MICROSEG_DATA_DIR: z
    .string()
    .min(1)
    .default('.microseg')
    .describe('where the embedded servers keep their data, the service logs and `secrets.json` (NATS passwords, `admin` for the `nats` CLI, and the signing key; made once)'),
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1').describe('where the GraphQL API listens (`--host`)'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('port of the GraphQL API (`--port`)'),
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(4100).describe('port of the web console (`--console-port`)'),
  LOG_LEVEL: commonServiceVariables.LOG_LEVEL,
  DATABASE_URL: z.string().url().optional().describe('a PostgreSQL to use instead of the embedded one'),
  NATS_URL: z.string().url().optional().describe('a NATS server (with JetStream) to use instead of the embedded one'),
  S3_ENDPOINT: z.string().url().optional().describe('an S3-compatible server to use instead of the embedded one; needs `S3_ACCESS_KEY` and `S3_SECRET_KEY`'),
  S3_ACCESS_KEY: z.string().min(1).optional().describe('access key of that S3 server'),
  S3_SECRET_KEY: z.string().min(1).optional().describe('secret key of that S3 server'),
  S3_REGION: z.string().min(1).optional().describe('region of that S3 server; unset: `us-east-1`'),
  PRINCIPAL_SIGNING_KEY: z
    .string()
    .min(32)
    .optional()
    .describe('a principal signing key shared with services running elsewhere; unset: the one made once in `secrets.json`'),
  PLATFORM_ADMIN_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe('makes `admin bootstrap` require this secret; unset, anyone who reaches the gateway may bootstrap a group (fine on a workstation: `pnpm start` warns)'),
});

export type LocalPlatformConfig = z.infer<typeof localPlatformConfigSchema>;
