import { describe, expect, it } from 'vitest';
import { initialSchedule, observeEpoch } from './lr-schedule.ts';
import { PAPER_RECIPE, resolveRecipe } from './recipe.ts';

function run(ious: number[], recipe = PAPER_RECIPE) {
  let state = initialSchedule(recipe);
  const trace = ious.map((iou, i) => {
    const verdict = observeEpoch(state, recipe, i + 1, iou);
    state = verdict.state;
    return verdict;
  });
  return { state, trace };
}

describe('the paper learning-rate schedule', () => {
  it('trains at 2e-4 while validation IoU keeps improving', () => {
    const { state, trace } = run([0.1, 0.2, 0.3]);
    expect(state).toMatchObject({ phase: 'main', learningRate: 2e-4, bestIou: 0.3, bestEpoch: 3 });
    expect(trace.every((t) => t.improved)).toBe(true);
  });

  it('drops to 1e-5 after 30 epochs without improvement, then stops after 30 more', () => {
    const ious = [0.5, ...Array<number>(30).fill(0.4), ...Array<number>(30).fill(0.45)];
    const { state, trace } = run(ious);
    expect(trace[29]?.state.phase).toBe('main');
    expect(trace[30]).toMatchObject({ learningRateChanged: true, state: { phase: 'fine', learningRate: 1e-5, epochsSinceImprovement: 0 } });
    expect(trace[59]?.stop).toBe(false);
    expect(trace[60]?.stop).toBe(true);
    expect(state).toMatchObject({ phase: 'done', bestIou: 0.5, bestEpoch: 1 });
  });

  it('an improvement at the fine rate resets the patience and becomes the best checkpoint', () => {
    const ious = [0.5, ...Array<number>(30).fill(0.4), 0.6, ...Array<number>(29).fill(0.4)];
    const { state } = run(ious);
    expect(state).toMatchObject({ phase: 'fine', bestIou: 0.6, bestEpoch: 32, epochsSinceImprovement: 29 });
  });

  it('does not count ties or NaN as improvement, and stops at the epoch cap', () => {
    const recipe = resolveRecipe({ maxEpochs: 3 });
    const { state, trace } = run([0.5, 0.5, Number.NaN], recipe);
    expect(trace.map((t) => t.improved)).toEqual([true, false, false]);
    expect(trace[2]?.stop).toBe(true);
    expect(state.bestEpoch).toBe(1);
  });

  it('refuses recipes that make no sense', () => {
    expect(() => resolveRecipe({ crop: 100, learningRate: -1 })).toThrow(/crop must be a multiple of 32; .*|learning rates/);
  });
});
