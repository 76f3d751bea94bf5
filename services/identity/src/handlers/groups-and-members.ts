import { type PrincipalTokens, identityContracts, requireRole } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { IdentityRepository } from '../identity.repository.ts';
import type { RevocationNotifier } from '../revocation-notifier.ts';

export function serveGroupsAndMembers(
  nc: NatsConnection,
  deps: { repository: IdentityRepository; revocations: RevocationNotifier; logger: Logger; principals: PrincipalTokens },
): RequestServer[] {
  const { repository, revocations, logger } = deps;
  const options = { logger, verifier: deps.principals };
  return [
    // The group directory (ids and names) is visible to every authenticated caller: sharing a
    // dataset or model with another group needs its id.
    serveAuthenticated(nc, identityContracts.listGroups, async ({ ids }) => ({ groups: await repository.listGroups(ids) }), options),
    serveAuthenticated(nc, identityContracts.renameGroup, async ({ name }, { principal }) => {
      requireRole(principal, 'admin');
      return repository.renameGroup(principal.groupId, name);
    }, options),
    serveAuthenticated(nc, identityContracts.listMembers, async (_input, { principal }) => {
      return { members: await repository.listMembers(principal.groupId) };
    }, options),
    serveAuthenticated(nc, identityContracts.addMember, async (input, { principal }) => {
      requireRole(principal, 'admin');
      return repository.addMember(principal.groupId, {
        name: input.name,
        role: input.role,
        ...(input.email ? { email: input.email } : {}),
      });
    }, options),
    serveAuthenticated(nc, identityContracts.setMemberRole, async ({ memberId, role }, { principal }) => {
      requireRole(principal, 'admin');
      const member = await repository.setMemberRole(principal.groupId, memberId, role);
      // Cached principals carry the old role: evict the member's keys.
      const keys = await repository.listApiKeys(principal.groupId, { memberId, includeRevoked: false });
      revocations.notify(principal.groupId, keys.map((k) => k.id));
      return member;
    }, options),
    serveAuthenticated(nc, identityContracts.removeMember, async ({ memberId }, { principal }) => {
      requireRole(principal, 'admin');
      const { revokedKeyIds } = await repository.removeMember(principal.groupId, memberId);
      revocations.notify(principal.groupId, revokedKeyIds);
      return { removed: true };
    }, options),
  ];
}
