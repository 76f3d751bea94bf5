import type { MeasurementProfile, ProfileAnswer } from '@microseg/contracts';
import type { Dataset } from '@microseg/contracts';
import type { DatasetDirectory } from './dataset-directory.ts';
import { defaultProfile, profileHash } from './measurement-profile.ts';
import type { ProfileRepository } from './profile.repository.ts';

export interface ResolvedProfile {
  profile: MeasurementProfile;
  profileHash: string;
}

/** The profile in force for a dataset: the stored one, else the default derived from its classes. */
export class ProfileResolver {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly directory: DatasetDirectory,
  ) {}

  /** For the worker, which has no caller: reads the dataset as its owning group. */
  async forMask(groupId: string, datasetId: string): Promise<ResolvedProfile> {
    const stored = await this.profiles.find(datasetId);
    if (stored) return stored;
    return withHash(defaultProfile(await this.directory.datasetOfGroup(groupId, datasetId)));
  }

  /** For a caller who may read `dataset` (already checked). */
  async answer(dataset: Dataset): Promise<ProfileAnswer> {
    const stored = await this.profiles.find(dataset.id);
    if (stored)
      return {
        datasetId: dataset.id,
        ...stored,
        isDefault: false,
        updatedAt: stored.updatedAt.toISOString(),
      };
    return {
      datasetId: dataset.id,
      ...withHash(defaultProfile(dataset)),
      isDefault: true,
      updatedAt: null,
    };
  }
}

function withHash(profile: MeasurementProfile): ResolvedProfile {
  return { profile, profileHash: profileHash(profile) };
}
