export { type Environment, loadConfigOrExit, parseConfig } from './load-config.ts';
export { commonServiceVariables, databaseVariables, objectStoreVariables } from './common-variables.ts';
export { z } from 'zod';
