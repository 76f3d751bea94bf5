import { describe, expect, it } from 'vitest';
import { resolveRecipe } from './recipe.ts';
import { type LoopState, type LoopHooks, initialLoopState, runTrainingLoop } from './training-loop.ts';

/** A stand-in model: a number nudged by every step with the augmentation draws; validation reads it. */
function fakeModel() {
  const model = { weight: 0, saved: [] as { state: LoopState; weight: number }[] };
  const hooks: LoopHooks<number> = {
    async trainStep(batch, rng, learningRate) {
      for (const item of batch) model.weight += (item * rng.uniform(-1, 1) + rng.next()) * learningRate * 1e4;
      return Math.abs(model.weight);
    },
    async validate() {
      return Math.sin(model.weight) * 0.5 + 0.5;
    },
    async saveCheckpoint(state) {
      model.saved.push({ state, weight: model.weight });
    },
    now: () => 0,
  };
  return { model, hooks };
}

const recipe = resolveRecipe({ maxEpochs: 12, patience: 3, finePatience: 2, seed: 7, batchSize: 1 });
const items = [1, 2, 3, 4];

describe('the epoch loop', () => {
  it('checkpoints every epoch and stops when the schedule does', async () => {
    const { model, hooks } = fakeModel();
    const outcome = await runTrainingLoop({ recipe, items, state: initialLoopState(recipe), hooks });
    expect(outcome.kind).toBe('completed');
    expect(model.saved.map((s) => s.state.epoch)).toEqual(Array.from({ length: outcome.state.epoch }, (_, i) => i + 1));
    expect(outcome.state.step).toBe(outcome.state.epoch * items.length);
  });

  it("steps in the paper's batches: every item once per epoch, the last batch shorter, the loss a mean over batches", async () => {
    const batched = { ...recipe, batchSize: 3, maxEpochs: 2 };
    const seen: number[][] = [];
    const losses = [0.5, 0.1];
    const outcome = await runTrainingLoop({
      recipe: batched,
      items,
      state: initialLoopState(batched),
      hooks: {
        trainStep: async (batch) => {
          seen.push([...batch]);
          return losses[(seen.length - 1) % 2]!;
        },
        validate: async () => 0.5,
        saveCheckpoint: async (_state, report) => {
          expect(report.loss).toBeCloseTo(0.3, 12);
        },
        now: () => 0,
      },
    });
    expect(outcome.state.step).toBe(4);
    expect(seen.map((b) => b.length)).toEqual([3, 1, 3, 1]);
    expect([...seen[0]!, ...seen[1]!].sort()).toEqual(items);
    expect([...seen[2]!, ...seen[3]!].sort()).toEqual(items);
  });

  it("defaults to the paper's batch of 20: a small dataset is one step per epoch", () => {
    expect(resolveRecipe().batchSize).toBe(20);
    expect(() => resolveRecipe({ batchSize: 0 })).toThrow(/batchSize/);
  });

  it('resumed from any saved state, ends exactly as the uninterrupted run', async () => {
    const whole = fakeModel();
    const uninterrupted = await runTrainingLoop({ recipe, items, state: initialLoopState(recipe), hooks: whole.hooks });
    for (const cut of [1, 3, 5]) {
      const saved = whole.model.saved[cut - 1]!;
      const resumed = fakeModel();
      resumed.model.weight = saved.weight;
      const outcome = await runTrainingLoop({ recipe, items, state: saved.state, hooks: resumed.hooks });
      expect(outcome.state).toEqual(uninterrupted.state);
      expect(resumed.model.weight).toBe(whole.model.weight);
    }
  });

  it('stops on a non-finite loss before saving anything of that epoch', async () => {
    const { model, hooks } = fakeModel();
    let steps = 0;
    const outcome = await runTrainingLoop({
      recipe,
      items,
      state: initialLoopState(recipe),
      hooks: { ...hooks, trainStep: async (...args) => (++steps === 6 ? Number.NaN : hooks.trainStep(...args)) },
    });
    expect(outcome).toMatchObject({ kind: 'diverged', epoch: 2, step: 6 });
    expect(model.saved.map((s) => s.state.epoch)).toEqual([1]);
    expect(outcome.state.epoch).toBe(1);
  });

  it('stops between steps when asked (cancel, shutdown), keeping the last saved state', async () => {
    const { hooks } = fakeModel();
    let asked = 0;
    const outcome = await runTrainingLoop({ recipe, items, state: initialLoopState(recipe), hooks: { ...hooks, shouldStop: () => ++asked > 6 } });
    expect(outcome).toMatchObject({ kind: 'stopped', state: { epoch: 1 } });
  });
});
