/** `pnpm render:config`: rewrites docs/configuration.md from the config schemas. */
import { writeFileSync } from 'node:fs';
import { REFERENCE_PATH, renderConfigurationReference } from './configuration-reference.ts';

writeFileSync(REFERENCE_PATH, renderConfigurationReference());
