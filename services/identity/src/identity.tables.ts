import type { Generated } from '@microseg/db';
import type { Role } from '@microseg/contracts';

export interface GroupsTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

export interface MembersTable {
  id: Generated<string>;
  group_id: string;
  name: string;
  email: string | null;
  role: Role;
  created_at: Generated<Date>;
  removed_at: Date | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  group_id: string;
  member_id: string;
  name: string;
  prefix: string;
  secret_hash: Buffer;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface IdentityDatabase {
  groups: GroupsTable;
  members: MembersTable;
  api_keys: ApiKeysTable;
}
