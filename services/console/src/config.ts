import { commonServiceVariables, z } from '@microseg/config';

// No NATS, database or object store: the console only serves files and forwards to the gateway.
export const consoleConfigSchema = z.object({
  LOG_LEVEL: commonServiceVariables.LOG_LEVEL,
  CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests); the URL is logged once listening. */
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** The gateway the console forwards /graphql to (http://gateway in a cluster). */
  GATEWAY_URL: z.string().url({ message: 'must be an http(s):// URL' }).default('http://127.0.0.1:4000'),
  /** The built app (vite build); the default is the package's own dist/. */
  CONSOLE_DIST_DIR: z.string().min(1).optional(),
});
