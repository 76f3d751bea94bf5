import { type Scope, hasScope } from '@microseg/contracts';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ROOT_FIELD_SCOPES, type RootFieldAccess } from './root-field-scopes.ts';

/** What a key is limited to beyond its role (see CreateApiKeyInput). */
export interface KeyRestrictions {
  /** Undefined: every scope. */
  scopes: readonly Scope[] | undefined;
  /** sha256 of the only documents the key may send; null: any document. */
  allowedOperations: readonly string[] | null;
}

const ROOT_TYPE = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** The root fields an operation selects, through fragments and inline fragments. */
export function rootFieldsOf(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields = new Set<string>();
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...fields];
}

/** The access a root field needs; a field missing from the map needs `admin` (fail closed). */
export function accessFor(operationType: OperationDefinitionNode['operation'], field: string): RootFieldAccess {
  return ROOT_FIELD_SCOPES[ROOT_TYPE[operationType]][field] ?? 'admin';
}

/**
 * Why a key may not run this operation, or undefined when it may. A whole operation is refused
 * before anything runs, so a mutation document never half-succeeds because one of its fields was
 * out of scope.
 */
export function operationRefusal(
  restrictions: KeyRestrictions,
  request: { document: DocumentNode; operation: OperationDefinitionNode; queryHash: string | undefined },
): GraphQLError | undefined {
  const { allowedOperations, scopes } = restrictions;
  if (allowedOperations && !(request.queryHash && allowedOperations.includes(request.queryHash))) {
    return forbidden('this API key may only send its trusted documents, and this is not one of them', {
      reason: 'operation-not-allowed',
      operationHash: request.queryHash ?? null,
    });
  }
  if (!scopes) return undefined;
  for (const field of rootFieldsOf(request.document, request.operation)) {
    if (field.startsWith('__')) continue;
    const access = accessFor(request.operation.operation, field);
    if (access === 'anyone' || access === 'anyKey') continue;
    if (!hasScope(scopes, access)) {
      return forbidden(`this API key lacks the scope ${access}, which ${field} needs`, { requiredScope: access, field });
    }
  }
  return undefined;
}

const forbidden = (message: string, details: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN', details, http: { status: 403 } } });
