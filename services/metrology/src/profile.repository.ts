import type { MeasurementProfile } from '@microseg/contracts';
import type { Kysely } from '@microseg/db';
import type { MetrologyDatabase } from './metrology.tables.ts';

export interface StoredProfile {
  profile: MeasurementProfile;
  profileHash: string;
  updatedAt: Date;
}

export class ProfileRepository {
  constructor(private readonly db: Kysely<MetrologyDatabase>) {}

  async find(datasetId: string): Promise<StoredProfile | undefined> {
    const row = await this.db
      .selectFrom('profiles')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .executeTakeFirst();
    return row
      ? {
          profile: row.profile as MeasurementProfile,
          profileHash: row.profile_hash,
          updatedAt: row.updated_at,
        }
      : undefined;
  }

  async save(input: {
    datasetId: string;
    groupId: string;
    profile: MeasurementProfile;
    profileHash: string;
    memberId: string;
  }): Promise<StoredProfile> {
    const values = {
      dataset_id: input.datasetId,
      group_id: input.groupId,
      profile: JSON.stringify(input.profile),
      profile_hash: input.profileHash,
      updated_by: input.memberId,
    };
    const row = await this.db
      .insertInto('profiles')
      .values(values)
      .onConflict((oc) =>
        oc.column('dataset_id').doUpdateSet({ ...values, updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      profile: row.profile as MeasurementProfile,
      profileHash: row.profile_hash,
      updatedAt: row.updated_at,
    };
  }
}
