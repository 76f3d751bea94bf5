import { invalidInput } from '@microseg/errors';
import { request } from '@microseg/messaging';
import { identityContracts } from './identity.ts';
import type { Principal } from './principal.ts';
import type { PrincipalTokens } from './principal-token.ts';
import type { Visibility } from './visibility.ts';

/** Refuses a visibility naming groups that do not exist: assertShareTargetsExist bound to a connection. */
export type ShareTargetCheck = (principal: Principal, visibility: Pick<Visibility, 'sharedWith'>) => Promise<void>;

/**
 * The groups a resource is shared with must exist: a share with a mistyped id would otherwise
 * be accepted and silently reach nobody (or, once that id is taken, somebody unintended). Asked
 * of the identity service, which owns groups, with the caller's principal.
 */
export async function assertShareTargetsExist(
  nc: Parameters<typeof request>[0],
  signer: PrincipalTokens,
  principal: Principal,
  visibility: Pick<Visibility, 'sharedWith'>,
  timeoutMs = 10_000,
): Promise<void> {
  const ids = [...new Set(visibility.sharedWith)];
  if (ids.length === 0) return;
  const { groups } = await request(nc, identityContracts.listGroups, { ids }, { timeoutMs, headers: signer.headers(principal) });
  const known = new Set(groups.map((group) => group.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw invalidInput(`visibility.sharedWith names ${unknown.length === 1 ? 'a group that does not' : 'groups that do not'} exist: ${unknown.join(', ')}`, {
      problem: 'unknown-groups',
      field: 'visibility.sharedWith',
      groupIds: unknown,
    });
  }
}
