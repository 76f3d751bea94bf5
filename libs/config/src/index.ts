export { type Environment, loadConfigOrExit, parseConfig } from './load-config.ts';
export {
  commonServiceVariables,
  databaseVariables,
  natsCredentials,
  objectStoreVariables,
  principalSigningKeys,
} from './common-variables.ts';
export { z } from 'zod';
