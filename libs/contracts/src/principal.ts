import { MicroSegError, unauthenticated } from '@microseg/errors';
import { z } from 'zod';
import { scopeSchema } from './scopes.ts';

export const Role = { viewer: 'viewer', member: 'member', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roleSchema = z.enum(['viewer', 'member', 'admin']);

const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** Who is calling: resolved from an API key by the identity service, carried on every service call. */
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

/** The NATS header that carries the caller's principal from the gateway to the services. */
export const PRINCIPAL_HEADER = 'microseg-principal';
export const REQUEST_ID_HEADER = 'microseg-request-id';

export function principalHeaders(principal: Principal, requestId?: string): Record<string, string> {
  return {
    [PRINCIPAL_HEADER]: JSON.stringify(principal),
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
  };
}

/** The principal of a service call; a call without one is refused (services never trust an absent caller). */
export function requirePrincipal(headers: Readonly<Record<string, string>>): Principal {
  const raw = headers[PRINCIPAL_HEADER];
  if (!raw) throw unauthenticated();
  const parsed = principalSchema.safeParse(safeJson(raw));
  if (!parsed.success) throw unauthenticated('malformed principal');
  return parsed.data;
}

export function requireRole(principal: Principal, minimum: Role): void {
  if (ROLE_RANK[principal.role] < ROLE_RANK[minimum]) {
    throw new MicroSegError('FORBIDDEN', `this needs the ${minimum} role; you are ${principal.role}`, {
      details: { required: minimum, actual: principal.role },
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
