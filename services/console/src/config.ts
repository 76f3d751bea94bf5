import { commonServiceVariables, z } from '@microseg/config';

// No NATS, database or object store: the console only serves files and forwards to the gateway.
export const consoleConfigSchema = z.object({
  LOG_LEVEL: commonServiceVariables.LOG_LEVEL,
  CONSOLE_HOST: z.string().min(1).default('127.0.0.1').describe('where the web console listens'),
  CONSOLE_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(4100)
    .describe('port of the web console; 0 picks a free one (tests), the URL is logged once listening'),
  GATEWAY_URL: z
    .string()
    .url({ message: 'must be an http(s):// URL' })
    .default('http://127.0.0.1:4000')
    .describe('the gateway the console forwards `/graphql` (HTTP and WebSocket) to (`http://gateway` in a cluster)'),
  CONSOLE_DIST_DIR: z
    .string()
    .min(1)
    .optional()
    .describe("the built app (vite build) it serves; unset: the package's own `services/console/dist/app`"),
});
