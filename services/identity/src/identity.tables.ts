import type { Generated } from '@microseg/db';
import type { Role, Scope } from '@microseg/contracts';

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
  scopes: Scope[] | null;
  expires_at: Date | null;
  allowed_operations: string[] | null;
}

export interface AuditEventsTable {
  id: string;
  seq: Generated<string>;
  occurred_at: Date;
  recorded_at: Generated<Date>;
  group_id: string;
  member_id: string | null;
  key_id: string | null;
  operation: string;
  operation_name: string | null;
  target_ids: string[];
  arguments: unknown;
  outcome: 'ok' | 'error';
  error_code: string | null;
  client_address: string | null;
  user_agent: string | null;
  request_id: string;
}

export interface IdentityDatabase {
  groups: GroupsTable;
  members: MembersTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
}
