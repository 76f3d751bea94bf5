import { commonServiceVariables, loadConfigOrExit, z } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootService } from '@microseg/service-runtime';

const config = loadConfigOrExit(z.object({ ...commonServiceVariables }));
const logger = createLogger({ service: 'metrology', level: config.LOG_LEVEL });
await bootService({
  service: 'metrology',
  version: config.MICROSEG_CODE_VERSION,
  httpPort: config.HTTP_PORT,
  natsUrl: config.NATS_URL,
  logger,
});
logger.info('metrology service ready');
