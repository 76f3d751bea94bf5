import { type Member, auditContracts, identityContracts, scopeSchema } from '@microseg/contracts';
import { invalidInput, notFound } from '@microseg/errors';
import { requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { connectionOf, pageOfList } from './connection-page.ts';

const memberOut = (member: Member) => ({ ...member, email: member.email ?? null });

export const identityResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, context) => requireCaller(context),
    groups: async (_parent, { first, after }, context) => {
      requireCaller(context);
      const { groups } = await context.services.call(identityContracts.listGroups, {});
      // Groups are few (one per lab); the directory is paged by name here rather than in SQL.
      return { ...pageOfList(groups, (group) => group.id, { first, after }), totalCount: groups.length };
    },
    members: async (_parent, page, context) => {
      requireCaller(context);
      const { members } = await context.services.call(identityContracts.listMembers, {});
      return pageOfList(members.map(memberOut), (member) => member.id, page);
    },
    apiKeys: async (_parent, { includeRevoked, ...page }, context) => {
      requireCaller(context);
      const { keys } = await context.services.call(identityContracts.listApiKeys, { includeRevoked: includeRevoked ?? false });
      return pageOfList(keys, (key) => key.id, page);
    },
    auditLog: async (_parent, { first, after, filter }, context) => {
      requireCaller(context);
      const page = await context.services.call(auditContracts.list, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(filter?.operation ? { operation: filter.operation } : {}),
        ...(filter?.memberId ? { memberId: filter.memberId } : {}),
        ...(filter?.since ? { since: filter.since } : {}),
        ...(filter?.until ? { until: filter.until } : {}),
      });
      return connectionOf(page);
    },
  },
  Me: {
    group: async (principal, _args, context) => {
      const group = await context.loaders.groupById.load(principal.groupId);
      if (!group) throw notFound('group', principal.groupId);
      return group;
    },
  },
  Mutation: {
    bootstrapGroup: async (_parent, { input }, context) => {
      const created = await context.services.call(identityContracts.bootstrap, {
        groupName: input.groupName,
        adminName: input.adminName ?? 'admin',
        ...(input.adminEmail ? { adminEmail: input.adminEmail } : {}),
        ...(input.platformSecret ? { platformSecret: input.platformSecret } : {}),
      });
      return { group: created.group, admin: memberOut(created.member), apiKey: created.apiKey };
    },
    renameGroup: async (_parent, { name }, context) => {
      requireCaller(context);
      return context.services.call(identityContracts.renameGroup, { name });
    },
    addMember: async (_parent, { input }, context) => {
      requireCaller(context);
      const member = await context.services.call(identityContracts.addMember, {
        name: input.name,
        role: input.role,
        ...(input.email ? { email: input.email } : {}),
      });
      return memberOut(member);
    },
    setMemberRole: async (_parent, { memberId, role }, context) => {
      requireCaller(context);
      return memberOut(await context.services.call(identityContracts.setMemberRole, { memberId, role }));
    },
    removeMember: async (_parent, { memberId }, context) => {
      requireCaller(context);
      return (await context.services.call(identityContracts.removeMember, { memberId })).removed;
    },
    createApiKey: async (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(identityContracts.createApiKey, {
        name: input.name,
        ...(input.memberId ? { memberId: input.memberId } : {}),
        ...(input.scopes ? { scopes: input.scopes.map(parseScope) } : {}),
        ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
        ...(input.allowedOperations ? { allowedOperations: input.allowedOperations } : {}),
      });
    },
    revokeApiKey: async (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(identityContracts.revokeApiKey, { keyId: id });
    },
  },
};

/** Scopes are strings in the API (GraphQL enum values cannot hold `:`); an unknown one is refused by name. */
function parseScope(scope: string) {
  const parsed = scopeSchema.safeParse(scope);
  if (!parsed.success) throw invalidInput(`unknown scope "${scope}"`, { field: 'scopes', scope, known: scopeSchema.options });
  return parsed.data;
}
