import { metrologyContracts as c, requirePrincipal } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
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
  },
): RequestServer[] {
  const options = { logger: deps.logger };
  return [
    serveRequests(
      nc,
      c.getProfile,
      async ({ datasetId }, { headers }) =>
        deps.resolver.answer(
          await deps.directory.readableDataset(requirePrincipal(headers), datasetId),
        ),
      options,
    ),
    serveRequests(
      nc,
      c.setProfile,
      async ({ datasetId, profile }, { headers }) => {
        const principal = requirePrincipal(headers);
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
