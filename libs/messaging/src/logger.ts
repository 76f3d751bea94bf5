export { type Logger, silentLogger } from '@microseg/db';
