import { SCOPES } from '@microseg/contracts';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../gateway-server.ts';
import { ROOT_FIELD_SCOPES } from './root-field-scopes.ts';

describe('root field scopes', () => {
  const schema = loadSchema();
  const roots = {
    Query: schema.getQueryType(),
    Mutation: schema.getMutationType(),
    Subscription: schema.getSubscriptionType(),
  } as const;

  it.each(Object.keys(roots) as (keyof typeof roots)[])('names the scope of every %s field in schema.graphql, and no other field', (type) => {
    const fields = Object.keys(roots[type]?.getFields() ?? {}).sort();
    const mapped = Object.keys(ROOT_FIELD_SCOPES[type]).sort();
    expect(fields.filter((field) => !mapped.includes(field)), `add these ${type} fields to root-field-scopes.ts`).toEqual([]);
    expect(mapped.filter((field) => !fields.includes(field)), `these are no ${type} fields any more`).toEqual([]);
  });

  it('uses only known scopes', () => {
    const known: readonly string[] = [...SCOPES, 'anyone', 'anyKey'];
    for (const fields of Object.values(ROOT_FIELD_SCOPES)) {
      for (const access of Object.values(fields)) expect(known).toContain(access);
    }
  });

  it('lets no key without a key answer but health and bootstrap', () => {
    const open = Object.entries(ROOT_FIELD_SCOPES).flatMap(([type, fields]) =>
      Object.entries(fields).filter(([, access]) => access === 'anyone').map(([field]) => `${type}.${field}`),
    );
    expect(open.sort()).toEqual(['Mutation.bootstrapGroup', 'Query.health']);
  });
});
