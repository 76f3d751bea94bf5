import { type Member, decodeCursor, encodeCursor, identityContracts } from '@microseg/contracts';
import { invalidInput, notFound } from '@microseg/errors';
import { requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';

const memberOut = (member: Member) => ({ ...member, email: member.email ?? null });

export const identityResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, context) => requireCaller(context),
    groups: async (_parent, { first, after }, context) => {
      requireCaller(context);
      const { groups } = await context.services.call(identityContracts.listGroups, {});
      // Groups are few (one per lab); the directory is paged by name here rather than in SQL.
      const afterId = after ? decodeCursor(after) : undefined;
      const start = afterId === undefined ? 0 : groups.findIndex((g) => g.id === afterId) + 1;
      if (start === 0 && afterId !== undefined) throw invalidInput('invalid page cursor: pass the endCursor of a previous page');
      const size = Math.min(Math.max(first ?? 50, 1), 500);
      const nodes = groups.slice(start, start + size);
      const last = nodes.at(-1);
      return {
        nodes,
        totalCount: groups.length,
        pageInfo: { endCursor: last ? encodeCursor(last.id) : null, hasNextPage: start + size < groups.length },
      };
    },
    members: async (_parent, _args, context) => {
      requireCaller(context);
      const { members } = await context.services.call(identityContracts.listMembers, {});
      return members.map(memberOut);
    },
    apiKeys: async (_parent, { includeRevoked }, context) => {
      requireCaller(context);
      const { keys } = await context.services.call(identityContracts.listApiKeys, { includeRevoked: includeRevoked ?? false });
      return keys;
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
      });
    },
    revokeApiKey: async (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(identityContracts.revokeApiKey, { keyId: id });
    },
  },
};
