import { type PrincipalTokens, metrologyContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { DatasetDirectory } from '../dataset-directory.ts';
import { assertConsistentProfile, profileHash } from '../measurement-profile.ts';
import type { ProfileResolver } from '../profile-resolver.ts';
import type { ProfileRepository } from '../profile.repository.ts';

export function serveProfiles(
  nc: NatsConnection,
  deps: {
    directory: DatasetDirectory;
    profiles: ProfileRepository;
    resolver: ProfileResolver;
    logger: Logger;
    principals: PrincipalTokens;
  },
): RequestServer[] {
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(
      nc,
      c.getProfile,
      async ({ datasetId }, { principal }) =>
        deps.resolver.answer(
          await deps.directory.readableDataset(principal, datasetId),
        ),
      options,
    ),
    serveAuthenticated(
      nc,
      c.setProfile,
      async ({ datasetId, profile }, { principal }) => {
        const dataset = await deps.directory.writableDataset(principal, datasetId);
        assertConsistentProfile(profile, dataset);
        await deps.profiles.save({
          datasetId,
          groupId: dataset.groupId,
          profile,
          profileHash: profileHash(profile),
          memberId: principal.memberId,
        });
        return deps.resolver.answer(dataset);
      },
      options,
    ),
  ];
}
