import type { ApiKey, AuthenticatedKey, Group, Member, Role, Scope } from '@microseg/contracts';
import { type Kysely, type Selectable, type Transaction, mapDbError, sql } from '@microseg/db';
import { MicroSegError, notFound, unauthenticated } from '@microseg/errors';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret.ts';
import type { ApiKeysTable, GroupsTable, IdentityDatabase, MembersTable } from './identity.tables.ts';

type Db = Kysely<IdentityDatabase> | Transaction<IdentityDatabase>;

const toGroup = (row: Selectable<GroupsTable>): Group => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
});

const toMember = (row: Selectable<MembersTable>): Member => ({
  id: row.id,
  groupId: row.group_id,
  name: row.name,
  email: row.email,
  role: row.role,
  createdAt: row.created_at.toISOString(),
});

const toApiKey = (row: Omit<Selectable<ApiKeysTable>, 'secret_hash'>): ApiKey => ({
  id: row.id,
  memberId: row.member_id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
  scopes: row.scopes,
  expiresAt: row.expires_at?.toISOString() ?? null,
  allowedOperations: row.allowed_operations,
});

const apiKeyColumns = [
  'id',
  'group_id',
  'member_id',
  'name',
  'prefix',
  'created_at',
  'last_used_at',
  'revoked_at',
  'scopes',
  'expires_at',
  'allowed_operations',
] as const;

/** What a new key may be limited to (see CreateApiKeyInput). */
export interface KeyLimits {
  scopes?: Scope[];
  expiresAt?: Date;
  allowedOperations?: string[];
}

/** The only code that touches the identity schema. */
export class IdentityRepository {
  constructor(private readonly db: Kysely<IdentityDatabase>) {}

  /**
   * Resolves a key to its principal; revoked keys, removed members and unknown keys are all "not a
   * key" (undefined). An expired key is UNAUTHENTICATED with a message saying so: whoever holds its
   * secret should learn why it stopped working.
   */
  async authenticate(apiKey: string): Promise<AuthenticatedKey | undefined> {
    const row = await this.db
      .selectFrom('api_keys as k')
      .innerJoin('members as m', 'm.id', 'k.member_id')
      .innerJoin('groups as g', 'g.id', 'k.group_id')
      .select([
        'k.id as keyId',
        'k.last_used_at',
        'k.scopes',
        'k.expires_at',
        'k.allowed_operations',
        'g.id as groupId',
        'g.name as groupName',
        'm.id as memberId',
        'm.role',
      ])
      .where('k.secret_hash', '=', hashApiKey(apiKey))
      .where('k.revoked_at', 'is', null)
      .where('m.removed_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) {
      throw unauthenticated(`this API key expired at ${row.expires_at.toISOString()}; ask for a new one`);
    }
    // At most one write a minute per key: authentication is on every request's path.
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await this.db.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', row.keyId).execute();
    }
    return {
      principal: {
        groupId: row.groupId,
        groupName: row.groupName,
        memberId: row.memberId,
        keyId: row.keyId,
        role: row.role,
        ...(row.scopes ? { scopes: row.scopes } : {}),
      },
      expiresAt: row.expires_at?.toISOString() ?? null,
      allowedOperations: row.allowed_operations,
    };
  }

  async createGroupWithAdmin(input: { groupName: string; adminName: string; adminEmail?: string }) {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const group = await trx.insertInto('groups').values({ name: input.groupName }).returningAll().executeTakeFirstOrThrow();
        const member = await trx
          .insertInto('members')
          .values({ group_id: group.id, name: input.adminName, email: input.adminEmail ?? null, role: 'admin', removed_at: null })
          .returningAll()
          .executeTakeFirstOrThrow();
        const { secret } = await this.insertKey(trx, { groupId: group.id, memberId: member.id, name: 'bootstrap' });
        return { group: toGroup(group), member: toMember(member), apiKey: secret };
      });
    } catch (error) {
      const mapped = mapDbError(error);
      if (mapped.code === 'CONFLICT') {
        throw new MicroSegError('CONFLICT', `a group named "${input.groupName}" already exists`, {
          details: { groupName: input.groupName },
        });
      }
      throw mapped;
    }
  }

  async listGroups(ids?: readonly string[]): Promise<Group[]> {
    let query = this.db.selectFrom('groups').selectAll().orderBy('name');
    if (ids) {
      if (ids.length === 0) return [];
      query = query.where('id', 'in', ids);
    }
    return (await query.execute()).map(toGroup);
  }

  async renameGroup(groupId: string, name: string): Promise<Group> {
    try {
      const row = await this.db.updateTable('groups').set({ name }).where('id', '=', groupId).returningAll().executeTakeFirst();
      if (!row) throw notFound('group', groupId);
      return toGroup(row);
    } catch (error) {
      throw mapDbError(error);
    }
  }

  async listMembers(groupId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('members')
      .selectAll()
      .where('group_id', '=', groupId)
      .where('removed_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toMember);
  }

  async findMember(groupId: string, memberId: string): Promise<Member> {
    const row = await this.db
      .selectFrom('members')
      .selectAll()
      .where('group_id', '=', groupId)
      .where('id', '=', memberId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('member', memberId);
    return toMember(row);
  }

  async addMember(groupId: string, input: { name: string; email?: string; role: Role }): Promise<Member> {
    const row = await this.db
      .insertInto('members')
      .values({ group_id: groupId, name: input.name, email: input.email ?? null, role: input.role, removed_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMember(row);
  }

  async setMemberRole(groupId: string, memberId: string, role: Role): Promise<Member> {
    return this.db.transaction().execute(async (trx) => {
      await this.assertNotLastAdmin(trx, groupId, memberId, role);
      const row = await trx
        .updateTable('members')
        .set({ role })
        .where('group_id', '=', groupId)
        .where('id', '=', memberId)
        .where('removed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('member', memberId);
      return toMember(row);
    });
  }

  /** Soft-removes a member and revokes their keys, in one transaction. */
  async removeMember(groupId: string, memberId: string): Promise<{ revokedKeyIds: string[] }> {
    return this.db.transaction().execute(async (trx) => {
      await this.assertNotLastAdmin(trx, groupId, memberId, undefined);
      const removed = await trx
        .updateTable('members')
        .set({ removed_at: new Date() })
        .where('group_id', '=', groupId)
        .where('id', '=', memberId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (removed.numUpdatedRows === 0n) throw notFound('member', memberId);
      const keys = await trx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('member_id', '=', memberId)
        .where('revoked_at', 'is', null)
        .returning('id')
        .execute();
      return { revokedKeyIds: keys.map((k) => k.id) };
    });
  }

  async createApiKey(groupId: string, memberId: string, name: string, limits: KeyLimits = {}): Promise<{ key: ApiKey; secret: string }> {
    await this.findMember(groupId, memberId);
    return this.insertKey(this.db, { groupId, memberId, name, ...limits });
  }

  async listApiKeys(groupId: string, options: { memberId?: string; includeRevoked: boolean }): Promise<ApiKey[]> {
    let query = this.db.selectFrom('api_keys').select(apiKeyColumns).where('group_id', '=', groupId).orderBy('created_at');
    if (options.memberId) query = query.where('member_id', '=', options.memberId);
    if (!options.includeRevoked) query = query.where('revoked_at', 'is', null);
    return (await query.execute()).map(toApiKey);
  }

  async findApiKey(groupId: string, keyId: string): Promise<ApiKey> {
    const row = await this.db
      .selectFrom('api_keys')
      .select(apiKeyColumns)
      .where('group_id', '=', groupId)
      .where('id', '=', keyId)
      .executeTakeFirst();
    if (!row) throw notFound('API key', keyId);
    return toApiKey(row);
  }

  /** Revoking twice keeps the first revocation time. */
  async revokeApiKey(groupId: string, keyId: string): Promise<ApiKey> {
    const row = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
      .where('group_id', '=', groupId)
      .where('id', '=', keyId)
      .returning(apiKeyColumns)
      .executeTakeFirst();
    if (!row) throw notFound('API key', keyId);
    return toApiKey(row);
  }

  private async insertKey(db: Db, input: { groupId: string; memberId: string; name: string } & KeyLimits) {
    const secret = generateApiKey();
    const row = await db
      .insertInto('api_keys')
      .values({
        group_id: input.groupId,
        member_id: input.memberId,
        name: input.name,
        prefix: displayPrefix(secret),
        secret_hash: hashApiKey(secret),
        last_used_at: null,
        revoked_at: null,
        scopes: input.scopes ? [...new Set(input.scopes)] : null,
        expires_at: input.expiresAt ?? null,
        allowed_operations: input.allowedOperations ? [...new Set(input.allowedOperations)] : null,
      })
      .returning(apiKeyColumns)
      .executeTakeFirstOrThrow();
    return { key: toApiKey(row), secret };
  }

  /** A group always keeps one admin, or nobody could manage it again. */
  private async assertNotLastAdmin(trx: Db, groupId: string, memberId: string, newRole: Role | undefined): Promise<void> {
    if (newRole === 'admin') return;
    const admins = await trx
      .selectFrom('members')
      .select('id')
      .where('group_id', '=', groupId)
      .where('role', '=', 'admin')
      .where('removed_at', 'is', null)
      .forUpdate()
      .execute();
    if (admins.length === 1 && admins[0]?.id === memberId) {
      throw new MicroSegError('CONFLICT', 'the last admin of a group cannot be removed or demoted', {
        details: { memberId },
      });
    }
  }
}
