import { z } from 'zod';

/**
 * What a machine key may do, for keys that should do less than their member's role allows (a
 * microscope PC that only uploads, a LIMS that only reads results). A key without scopes has every
 * scope; the role is checked as well either way.
 */
export const SCOPES = [
  'images:upload',
  'results:read',
  'datasets:read',
  'datasets:write',
  'models:read',
  'models:write',
  'training:run',
  'pipeline:manage',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];
export const scopeSchema = z.enum(SCOPES);

/** Whether a principal with these scopes (undefined: a key without scopes) may act with `scope`. */
export function hasScope(scopes: readonly Scope[] | undefined, scope: Scope): boolean {
  return scopes === undefined || scopes.includes(scope);
}
