import type { Recipe } from './recipe.ts';

/**
 * Where the paper's two-phase schedule stands: 2e-4 until validation IoU has not improved for
 * `patience` epochs, then 1e-5 until it has not improved for `finePatience` more. Plain JSON,
 * saved in every checkpoint.
 */
export interface ScheduleState {
  phase: 'main' | 'fine' | 'done';
  learningRate: number;
  /** Best validation IoU so far and the epoch that reached it (its weights are the best checkpoint). */
  bestIou: number | null;
  bestEpoch: number | null;
  epochsSinceImprovement: number;
}

export interface EpochVerdict {
  state: ScheduleState;
  /** This epoch's weights are the new best: keep them. */
  improved: boolean;
  /** The learning rate changed for the next epoch. */
  learningRateChanged: boolean;
  stop: boolean;
}

export function initialSchedule(recipe: Pick<Recipe, 'learningRate'>): ScheduleState {
  return { phase: 'main', learningRate: recipe.learningRate, bestIou: null, bestEpoch: null, epochsSinceImprovement: 0 };
}

/** Feeds one epoch's validation IoU to the schedule. Ties do not count as improvement (as PMM's `>`). */
export function observeEpoch(
  state: ScheduleState,
  recipe: Pick<Recipe, 'patience' | 'fineLearningRate' | 'finePatience' | 'maxEpochs'>,
  epoch: number,
  valIou: number,
): EpochVerdict {
  const improved = Number.isFinite(valIou) && (state.bestIou === null || valIou > state.bestIou);
  let next: ScheduleState = improved
    ? { ...state, bestIou: valIou, bestEpoch: epoch, epochsSinceImprovement: 0 }
    : { ...state, epochsSinceImprovement: state.epochsSinceImprovement + 1 };
  let learningRateChanged = false;
  if (next.phase === 'main' && next.epochsSinceImprovement >= recipe.patience) {
    next = { ...next, phase: recipe.finePatience > 0 ? 'fine' : 'done', learningRate: recipe.fineLearningRate, epochsSinceImprovement: 0 };
    learningRateChanged = next.phase === 'fine';
  } else if (next.phase === 'fine' && next.epochsSinceImprovement >= recipe.finePatience) {
    next = { ...next, phase: 'done' };
  }
  if (epoch >= recipe.maxEpochs) next = { ...next, phase: 'done' };
  return { state: next, improved, learningRateChanged, stop: next.phase === 'done' };
}
