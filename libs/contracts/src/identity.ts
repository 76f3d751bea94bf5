import { defineEvent, defineRequest } from '@microseg/messaging';
import { z } from 'zod';
import { principalSchema, roleSchema } from './principal.ts';
import { scopeSchema } from './scopes.ts';

const groupName = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, spaces, dots, dashes and underscores');

export const groupSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: z.string(),
});
export type Group = z.infer<typeof groupSchema>;

export const memberSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const apiKeySchema = z.object({
  id: z.string().uuid(),
  memberId: z.string().uuid(),
  name: z.string(),
  /** The first characters of the key, enough for a person to recognise it. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Null: whatever the member's role allows. */
  scopes: z.array(scopeSchema).nullable(),
  expiresAt: z.string().nullable(),
  /** sha256 (hex) of the only GraphQL documents the key may send; null: any. */
  allowedOperations: z.array(z.string()).nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A created key: the secret is in this answer only, never stored or shown again. */
const createdKeySchema = z.object({ key: apiKeySchema, secret: z.string() });

/** The lower-case hex sha256 of a GraphQL document's text, as Apollo's persisted queries hash it. */
export const operationHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256 of the document text');

/**
 * An authenticated key: the principal carried to services, and what only the gateway enforces
 * (the trusted documents, the expiry that bounds how long it may cache the answer).
 */
export const authenticatedKeySchema = z.object({
  principal: principalSchema,
  expiresAt: z.string().nullable(),
  allowedOperations: z.array(operationHashSchema).nullable(),
});
export type AuthenticatedKey = z.infer<typeof authenticatedKeySchema>;

export const identityContracts = {
  authenticate: defineRequest({
    subject: 'microseg.identity.v1.authenticate',
    request: z.object({ apiKey: z.string().min(1).max(200) }),
    response: authenticatedKeySchema,
  }),
  /** Creates a group with its first admin and key. Needs the platform admin secret where one is configured. */
  bootstrap: defineRequest({
    subject: 'microseg.identity.v1.bootstrap',
    request: z.object({
      groupName,
      adminName: z.string().trim().min(1).max(120).default('admin'),
      adminEmail: z.string().email().optional(),
      platformSecret: z.string().optional(),
    }),
    response: z.object({ group: groupSchema, member: memberSchema, apiKey: z.string() }),
  }),
  listGroups: defineRequest({
    subject: 'microseg.identity.v1.groups.list',
    request: z.object({ ids: z.array(z.string().uuid()).max(500).optional() }),
    response: z.object({ groups: z.array(groupSchema) }),
  }),
  renameGroup: defineRequest({
    subject: 'microseg.identity.v1.groups.rename',
    request: z.object({ name: groupName }),
    response: groupSchema,
  }),
  listMembers: defineRequest({
    subject: 'microseg.identity.v1.members.list',
    request: z.object({}),
    response: z.object({ members: z.array(memberSchema) }),
  }),
  addMember: defineRequest({
    subject: 'microseg.identity.v1.members.add',
    request: z.object({
      name: z.string().trim().min(1).max(120),
      email: z.string().email().optional(),
      role: roleSchema,
    }),
    response: memberSchema,
  }),
  setMemberRole: defineRequest({
    subject: 'microseg.identity.v1.members.set-role',
    request: z.object({ memberId: z.string().uuid(), role: roleSchema }),
    response: memberSchema,
  }),
  removeMember: defineRequest({
    subject: 'microseg.identity.v1.members.remove',
    request: z.object({ memberId: z.string().uuid() }),
    response: z.object({ removed: z.boolean() }),
  }),
  createApiKey: defineRequest({
    subject: 'microseg.identity.v1.keys.create',
    request: z.object({
      name: z.string().trim().min(1).max(120),
      /** Another member's key: admins only. Default: the caller's own member. */
      memberId: z.string().uuid().optional(),
      /** Limits the key to these scopes; a caller whose key has scopes may only grant those it holds. */
      scopes: z.array(scopeSchema).min(1).max(20).optional(),
      expiresAt: z.iso.datetime().optional(),
      allowedOperations: z.array(operationHashSchema).min(1).max(200).optional(),
    }),
    response: createdKeySchema,
  }),
  listApiKeys: defineRequest({
    subject: 'microseg.identity.v1.keys.list',
    request: z.object({ includeRevoked: z.boolean().default(false) }),
    response: z.object({ keys: z.array(apiKeySchema) }),
  }),
  revokeApiKey: defineRequest({
    subject: 'microseg.identity.v1.keys.revoke',
    request: z.object({ keyId: z.string().uuid() }),
    response: apiKeySchema,
  }),
} as const;

export const identityEvents = {
  apiKeyRevoked: defineEvent({
    subject: 'microseg.events.apikey.revoked.v1',
    schema: z.object({ keyId: z.string().uuid(), groupId: z.string().uuid(), revokedAt: z.string() }),
  }),
} as const;
