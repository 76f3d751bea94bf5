import { commonServiceVariables, loadConfigOrExit, z } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootService } from '@microseg/service-runtime';

const config = loadConfigOrExit(z.object({ ...commonServiceVariables }));
const logger = createLogger({ service: 'inference', level: config.LOG_LEVEL });
await bootService({
  service: 'inference',
  version: config.MICROSEG_CODE_VERSION,
  httpPort: config.HTTP_PORT,
  natsUrl: config.NATS_URL,
  logger,
});
logger.info('inference service ready');
