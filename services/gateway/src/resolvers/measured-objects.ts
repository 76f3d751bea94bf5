import { type MeasurementSet, metrologyContracts as c } from '@microseg/contracts';
import type { Resolvers } from '../generated/resolvers-types.ts';

export const measuredObjectResolvers: Resolvers = {
  MeasurementSet: {
    objectsAt: async (set: MeasurementSet, { x, y, limit }, context) => {
      const { objects } = await context.services.call(c.objectsAt, { measurementId: set.id, x, y, limit: limit ?? 3 });
      return objects.map(({ centroid, bbox, ...rest }) => ({ ...rest, centroidRow: centroid.row, centroidCol: centroid.col, ...bbox }));
    },
  },
};
