import { describeCheck, promotionGateContracts as c } from '@microseg/contracts';
import { requireCaller } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';

/** Promotion gates of aliases: declared here, evaluated by the inference service, reported on each alias move. */
export const promotionGateResolvers: Resolvers = {
  Mutation: {
    setAliasGate: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.setAliasGate, {
        ...input,
        tolerances: input.tolerances.map((t) => ({ quantity: t.quantity, absolute: t.absolute ?? null, relative: t.relative ?? null, min: t.min ?? null })),
      });
    },
    removeAliasGate: (_parent, { modelId, alias }, context) => {
      requireCaller(context);
      return context.services.call(c.removeAliasGate, { modelId, alias });
    },
  },
  Model: {
    aliasGates: async (model, _args, context) => (await context.services.call(c.listAliasGates, { modelId: model.id })).gates,
  },
  GateCheck: {
    summary: (check) => describeCheck(check),
  },
};
