import { MicroSegError } from '@microseg/errors';
import { z } from 'zod';
import { scopeSchema } from './scopes.ts';

export const Role = { viewer: 'viewer', member: 'member', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roleSchema = z.enum(['viewer', 'member', 'admin']);

const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** Who is calling: resolved from an API key by the identity service, carried signed on every service call (principal-token.ts). */
export const principalSchema = z.object({
  groupId: z.string().uuid(),
  groupName: z.string(),
  memberId: z.string().uuid(),
  keyId: z.string().uuid(),
  role: roleSchema,
  /** The key's scopes; absent for a key that may do whatever its role allows. */
  scopes: z.array(scopeSchema).optional(),
});
export type Principal = z.infer<typeof principalSchema>;

export function requireRole(principal: Principal, minimum: Role): void {
  if (ROLE_RANK[principal.role] < ROLE_RANK[minimum]) {
    throw new MicroSegError('FORBIDDEN', `this needs the ${minimum} role; you are ${principal.role}`, {
      details: { required: minimum, actual: principal.role },
    });
  }
}
