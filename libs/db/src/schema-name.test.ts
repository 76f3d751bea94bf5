import { describe, expect, it } from 'vitest';
import { assertSchemaName } from './schema-name.ts';

describe('assertSchemaName', () => {
  it('accepts plain lower-case identifiers', () => {
    expect(assertSchemaName('dataset_v1')).toBe('dataset_v1');
  });

  it('rejects names that would need quoting', () => {
    for (const bad of ['Dataset', '1abc', 'a-b', 'x;drop table y', '', 'a'.repeat(64)]) {
      expect(() => assertSchemaName(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
  });
});
