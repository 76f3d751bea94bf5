import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { publicEnumValues } from './public-enums.ts';

const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));

describe('public enum values', () => {
  it('map every enum value of the schema, and nothing the schema does not have', () => {
    const enums = Object.values(schema.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith('__'));
    const inSchema = Object.fromEntries(enums.map((type) => [type.name, isEnumType(type) ? type.getValues().map((value) => value.name).sort() : []]));
    const mapped = Object.fromEntries(Object.entries(publicEnumValues).map(([name, values]) => [name, Object.keys(values).sort()]));
    expect(mapped).toEqual(inSchema);
  });

  it('give each internal value one public name per enum', () => {
    for (const [name, values] of Object.entries(publicEnumValues)) {
      const internal = Object.values(values);
      expect(new Set(internal).size, name).toBe(internal.length);
    }
  });
});
