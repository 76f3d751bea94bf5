import { commonServiceVariables, loadConfigOrExit, z } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootService } from '@microseg/service-runtime';

const config = loadConfigOrExit(z.object({ ...commonServiceVariables }));
const logger = createLogger({ service: 'training', level: config.LOG_LEVEL });
await bootService({
  service: 'training',
  version: config.MICROSEG_CODE_VERSION,
  httpPort: config.HTTP_PORT,
  natsUrl: config.NATS_URL,
  logger,
});
logger.info('training service ready');
