import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { anonymousRefusal } from './anonymous-access.ts';

const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('anonymous access', () => {
  it('lets health and bootstrapGroup through, once each', () => {
    expect(anonymousRefusal(operation('{ health { status } __typename }'))).toBeUndefined();
    expect(anonymousRefusal(operation('mutation { bootstrapGroup(input: { groupName: "x" }) { apiKey } }'))).toBeUndefined();
  });

  it('refuses every other field, aliases of an allowed one and fragments at the root', () => {
    expect(anonymousRefusal(operation('{ me { groupId } }'))).toContain('me needs a key');
    expect(anonymousRefusal(operation('{ a: health { status } b: health { status } }'))).toContain('once');
    expect(anonymousRefusal(operation('{ ...on Query { health { status } } }'))).toContain('fragments');
    expect(anonymousRefusal(operation('mutation { health { status } }'))).toContain('health needs a key');
  });
});
