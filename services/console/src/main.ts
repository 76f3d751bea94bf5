import { resolve } from 'node:path';
import { loadConfigOrExit } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { consoleConfigSchema } from './config.ts';
import { startConsoleServer } from './console-server.ts';

const config = loadConfigOrExit(consoleConfigSchema);
const logger = createLogger({ service: 'console', level: config.LOG_LEVEL });
const consoleServer = await startConsoleServer({
  distDir: config.CONSOLE_DIST_DIR ?? resolve(import.meta.dirname, '..', 'dist', 'app'),
  gatewayUrl: config.GATEWAY_URL,
  host: config.CONSOLE_HOST,
  port: config.CONSOLE_PORT,
  logger,
});
logger.info({ url: consoleServer.url }, 'console ready');

const stop = () => {
  void consoleServer.stop().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
