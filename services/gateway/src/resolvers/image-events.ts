import { EVENTS_STREAM, datasetContracts, datasetEvents } from '@microseg/contracts';
import { isMicroSegError } from '@microseg/errors';
import type { PayloadOf } from '@microseg/messaging';
import { requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { streamEvents } from '../subscriptions.ts';

type ImageUploadedEvent = PayloadOf<typeof datasetEvents.imageUploaded>;

export const imageEventResolvers: Resolvers = {
  Subscription: {
    imageAdded: {
      subscribe: async (_parent, { datasetId }, context) => {
        requireCaller(context);
        const since = new Date();
        // NOT_FOUND for a dataset the caller cannot read, before anything is streamed; every reader
        // of the dataset sees its new images (the image itself is read as the caller, below).
        await context.services.call(datasetContracts.getDataset, { id: datasetId });
        return streamEvents(context, EVENTS_STREAM.name, datasetEvents.imageUploaded, since, (event) => event.datasetId === datasetId);
      },
      resolve: (event: ImageUploadedEvent) => ({ datasetId: event.datasetId, imageId: event.imageId }),
    },
  },
  ImageAdded: {
    image: async ({ imageId }, _args, context) => {
      try {
        return await context.services.call(datasetContracts.getImage, { id: imageId });
      } catch (error) {
        if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
  },
};
