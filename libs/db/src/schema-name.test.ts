import { describe, expect, it } from 'vitest';
import { assertSchemaName } from './schema-name.ts';

/** The value a call throws, for matching its fields. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertSchemaName', () => {
  it('accepts plain lower-case identifiers', () => {
    expect(assertSchemaName('dataset_v1')).toBe('dataset_v1');
  });

  it('rejects names that would need quoting', () => {
    for (const bad of ['Dataset', '1abc', 'a-b', 'x;drop table y', '', 'a'.repeat(64)]) {
      expect(thrownBy(() => assertSchemaName(bad))).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});
