import { identityContracts, requirePrincipal, requireRole } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { IdentityRepository } from '../identity.repository.ts';
import type { RevocationNotifier } from '../revocation-notifier.ts';

export function serveGroupsAndMembers(
  nc: NatsConnection,
  deps: { repository: IdentityRepository; revocations: RevocationNotifier; logger: Logger },
): RequestServer[] {
  const { repository, revocations, logger } = deps;
  const options = { logger };
  return [
    // The group directory (ids and names) is visible to every authenticated caller: sharing a
    // dataset or model with another group needs its id.
    serveRequests(nc, identityContracts.listGroups, async ({ ids }, { headers }) => {
      requirePrincipal(headers);
      return { groups: await repository.listGroups(ids) };
    }, options),
    serveRequests(nc, identityContracts.renameGroup, async ({ name }, { headers }) => {
      const principal = requirePrincipal(headers);
      requireRole(principal, 'admin');
      return repository.renameGroup(principal.groupId, name);
    }, options),
    serveRequests(nc, identityContracts.listMembers, async (_input, { headers }) => {
      const principal = requirePrincipal(headers);
      return { members: await repository.listMembers(principal.groupId) };
    }, options),
    serveRequests(nc, identityContracts.addMember, async (input, { headers }) => {
      const principal = requirePrincipal(headers);
      requireRole(principal, 'admin');
      return repository.addMember(principal.groupId, {
        name: input.name,
        role: input.role,
        ...(input.email ? { email: input.email } : {}),
      });
    }, options),
    serveRequests(nc, identityContracts.setMemberRole, async ({ memberId, role }, { headers }) => {
      const principal = requirePrincipal(headers);
      requireRole(principal, 'admin');
      const member = await repository.setMemberRole(principal.groupId, memberId, role);
      // Cached principals carry the old role: evict the member's keys.
      const keys = await repository.listApiKeys(principal.groupId, { memberId, includeRevoked: false });
      revocations.notify(principal.groupId, keys.map((k) => k.id));
      return member;
    }, options),
    serveRequests(nc, identityContracts.removeMember, async ({ memberId }, { headers }) => {
      const principal = requirePrincipal(headers);
      requireRole(principal, 'admin');
      const { revokedKeyIds } = await repository.removeMember(principal.groupId, memberId);
      revocations.notify(principal.groupId, revokedKeyIds);
      return { removed: true };
    }, options),
  ];
}
