import { EVENTS_STREAM, datasetContracts, metrologyContracts, metrologyEvents } from '@microseg/contracts';
import { isMicroSegError } from '@microseg/errors';
import type { PayloadOf } from '@microseg/messaging';
import { type GatewayContext, requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { streamEvents } from '../subscriptions.ts';

type MeasurementCompletedEvent = PayloadOf<typeof metrologyEvents.measurementCompleted>;

/** What `measurementCompleted` yields: the event with the image's LIMS id; the set itself is read on demand. */
export interface MeasurementCompletedModel extends Omit<MeasurementCompletedEvent, 'groupId' | 'error'> {
  limsId: string | null;
  error: { code: string; message: string; details: Record<string, unknown> } | null;
}

/** Null when the image is gone (deleted since it was measured) or no longer readable. */
async function limsIdOf(context: GatewayContext, imageId: string): Promise<string | null> {
  try {
    return (await context.services.call(datasetContracts.getImage, { id: imageId })).limsId;
  } catch (error) {
    if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export const measurementEventResolvers: Resolvers = {
  Subscription: {
    measurementCompleted: {
      subscribe: async (_parent, { datasetId }, context) => {
        const caller = requireCaller(context);
        const since = new Date();
        // NOT_FOUND for a dataset the caller cannot read, before anything is streamed.
        await context.services.call(datasetContracts.getDataset, { id: datasetId });
        // An event names the group that owns the mask: a caller sees its own group's only, even on a dataset shared with it.
        const accept = (event: MeasurementCompletedEvent) => event.datasetId === datasetId && event.groupId === caller.groupId;
        return streamEvents(context, EVENTS_STREAM.name, metrologyEvents.measurementCompleted, since, accept);
      },
      resolve: async (event: MeasurementCompletedEvent, _args: unknown, context: GatewayContext): Promise<MeasurementCompletedModel> => {
        const { groupId: _groupId, error, ...rest } = event;
        return { ...rest, limsId: await limsIdOf(context, event.imageId), error: error ? { ...error, details: {} } : null };
      },
    },
  },
  MeasurementCompleted: {
    measurementSet: async (event, _args, context) => {
      try {
        const { measurements } = await context.services.call(metrologyContracts.imageMeasurements, {
          imageId: event.imageId,
          source: event.source,
          plotSpecs: true,
          ...(event.modelVersionId ? { modelVersionId: event.modelVersionId } : {}),
        });
        return measurements.find((set) => set.id === event.measurementId) ?? null;
      } catch (error) {
        if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
  },
};
