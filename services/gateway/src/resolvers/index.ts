import type { Resolvers } from '../generated/resolvers-types.ts';
import { datasetResolvers } from './dataset.ts';
import { deepZoomResolvers } from './deep-zoom.ts';
import { healthQuery } from './health.ts';
import { identityResolvers } from './identity.ts';
import { imageEventResolvers } from './image-events.ts';
import { measuredObjectResolvers } from './measured-objects.ts';
import { measurementEventResolvers } from './measurement-events.ts';
import { measurementUncertaintyResolvers } from './measurement-uncertainty.ts';
import { metrologyResolvers } from './metrology.ts';
import { modelVersionVisibilityResolvers } from './model-version-visibility.ts';
import { pipelineResolvers } from './pipeline.ts';
import { promotionGateResolvers } from './promotion-gates.ts';
import { webhookResolvers } from './webhooks.ts';
import { DateTime, JSONScalar } from './scalars.ts';
import { trainingResolvers } from './training.ts';
import { publicEnumValues } from '../public-enums.ts';

/** Every resolver map of the API; each concern keeps its own file. */
export const resolvers: Resolvers[] = [
  { DateTime, JSON: JSONScalar, ...publicEnumValues, Query: { health: healthQuery } },
  identityResolvers,
  datasetResolvers,
  deepZoomResolvers,
  metrologyResolvers,
  measurementEventResolvers,
  imageEventResolvers,
  measuredObjectResolvers,
  measurementUncertaintyResolvers,
  pipelineResolvers,
  modelVersionVisibilityResolvers,
  webhookResolvers,
  trainingResolvers,
  promotionGateResolvers,
];
