import { commonServiceVariables, loadConfigOrExit, z } from '@microseg/config';
import { createLogger } from '@microseg/logging';
import { bootService } from '@microseg/service-runtime';

const config = loadConfigOrExit(z.object({ ...commonServiceVariables }));
const logger = createLogger({ service: 'dataset', level: config.LOG_LEVEL });
await bootService({
  service: 'dataset',
  version: config.MICROSEG_CODE_VERSION,
  httpPort: config.HTTP_PORT,
  natsUrl: config.NATS_URL,
  logger,
});
logger.info('dataset service ready');
