import { z } from 'zod';
import type { Principal } from './principal.ts';

/** Who may read a row besides its owning group. */
export const visibilitySchema = z.object({
  level: z.enum(['private', 'shared', 'public']),
  /** Groups a `shared` row is shared with. */
  sharedWith: z.array(z.string().uuid()).default([]),
});
export type Visibility = z.infer<typeof visibilitySchema>;

export const PRIVATE: Visibility = { level: 'private', sharedWith: [] };

export interface OwnedResource {
  ownerGroupId: string;
  visibility: Visibility;
}

/** The one read rule: owner, public, or shared with the caller's group. Writes are owner-only. */
export function canRead(principal: Principal, resource: OwnedResource): boolean {
  if (resource.ownerGroupId === principal.groupId) return true;
  if (resource.visibility.level === 'public') return true;
  return resource.visibility.level === 'shared' && resource.visibility.sharedWith.includes(principal.groupId);
}
