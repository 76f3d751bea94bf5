import { z } from '@microseg/config';

export const consoleConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests); the URL is logged once listening. */
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** The gateway the console forwards /graphql to (http://gateway in a cluster). */
  GATEWAY_URL: z.string().url({ message: 'must be an http(s):// URL' }).default('http://127.0.0.1:4000'),
  /** The built app (vite build); the default is the package's own dist/. */
  CONSOLE_DIST_DIR: z.string().min(1).optional(),
});

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;
