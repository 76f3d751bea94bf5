export { type Environment, loadConfigOrExit, parseConfig } from './load-config.ts';
export { type ConfigSection, type VariableReference, renderConfigReference, variableReferences } from './config-reference.ts';
export {
  commonServiceVariables,
  databaseVariables,
  natsCredentials,
  objectStoreVariables,
  principalSigningKeys,
} from './common-variables.ts';
export { z } from 'zod';
