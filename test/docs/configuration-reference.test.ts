import { readFileSync } from 'node:fs';
import { variableReferences } from '@microseg/config';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATH, configSections, renderConfigurationReference } from './configuration-reference.ts';

describe('the configuration reference', () => {
  it('matches the config schemas (run `pnpm render:config` after changing one)', () => {
    expect(readFileSync(REFERENCE_PATH, 'utf8')).toBe(renderConfigurationReference());
  });

  it('describes every variable every process reads', () => {
    for (const section of configSections) {
      for (const variable of variableReferences(section.shape)) expect(variable.description.length, variable.name).toBeGreaterThan(10);
    }
  });
});
