import { createHash } from 'node:crypto';
import { type DocumentNode, type OperationDefinitionNode, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationRefusal, rootFieldsOf } from './authorize-operation.ts';

const request = (text: string) => {
  const document: DocumentNode = parse(text);
  const operation = getOperationAST(document) as OperationDefinitionNode;
  return { document, operation, queryHash: createHash('sha256').update(text).digest('hex') };
};

describe('operationRefusal', () => {
  it('lets a key without scopes or trusted documents run anything', () => {
    expect(operationRefusal({ scopes: undefined, allowedOperations: null }, request('mutation { createApiKey(input: { name: "x" }) { secret } }'))).toBeUndefined();
  });

  it('refuses a root field outside the key scopes, naming the scope it needs', () => {
    const upload = { scopes: ['images:upload'] as const, allowedOperations: null };
    expect(operationRefusal(upload, request('mutation { createImageUpload(input: $i) { uploadId } }'))).toBeUndefined();
    const refusal = operationRefusal(upload, request('{ me { role } datasets { nodes { id } } }'));
    expect(refusal?.extensions).toMatchObject({ code: 'FORBIDDEN', details: { requiredScope: 'datasets:read', field: 'datasets' } });
  });

  it('finds root fields behind fragments and inline fragments', () => {
    const text = 'mutation { ...Keys ... on Mutation { deleteDataset(id: "d") { id } } } fragment Keys on Mutation { revokeApiKey(id: "k") { id } }';
    expect(rootFieldsOf(request(text).document, request(text).operation).sort()).toEqual(['deleteDataset', 'revokeApiKey']);
    const refusal = operationRefusal({ scopes: ['datasets:write'], allowedOperations: null }, request(text));
    expect(refusal?.extensions['details']).toMatchObject({ requiredScope: 'admin', field: 'revokeApiKey' });
  });

  it('answers health, me and __typename for every key', () => {
    expect(operationRefusal({ scopes: ['results:read'], allowedOperations: null }, request('{ __typename health { status } me { role } }'))).toBeUndefined();
  });

  it('lets a key with trusted documents send only those, by the sha256 of their text', () => {
    const allowed = request('query Results($id: String!) { imageByLimsId(limsId: $id) { id } }');
    const restrictions = { scopes: undefined, allowedOperations: [allowed.queryHash] };
    expect(operationRefusal(restrictions, allowed)).toBeUndefined();
    // The same operation written differently is another document.
    const respaced = request('query Results($id: String!) {  imageByLimsId(limsId: $id) { id } }');
    expect(operationRefusal(restrictions, respaced)?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'operation-not-allowed', operationHash: respaced.queryHash },
    });
  });
});
