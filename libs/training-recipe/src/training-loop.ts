import { type ScheduleState, initialSchedule, observeEpoch } from './lr-schedule.ts';
import type { Recipe } from './recipe.ts';
import { type ResumableRng, createResumableRng, shuffled } from './resumable-rng.ts';

/** Everything a run needs to continue exactly where it stopped (besides weights and optimizer moments). */
export interface LoopState {
  /** Epochs completed. */
  epoch: number;
  /** Optimisation steps taken. */
  step: number;
  /** The generator's state at the start of the next epoch (shuffling and augmentation draw from it). */
  rngState: number;
  schedule: ScheduleState;
  /** Training time spent so far, across workers. */
  elapsedSeconds: number;
}

export interface EpochReport {
  epoch: number;
  step: number;
  /** Mean training loss of the epoch. */
  loss: number;
  valIou: number;
  learningRate: number;
  improved: boolean;
  epochSeconds: number;
}

export interface LoopHooks<Item> {
  /** One optimisation step on a batch of items, their augmentations drawn from `rng` in order; returns the batch's loss. */
  trainStep(batch: readonly Item[], rng: ResumableRng, learningRate: number): Promise<number>;
  /** Validation IoU of the current weights. */
  validate(): Promise<number>;
  /**
   * Persists weights, optimizer and `state` after an epoch; `improved` marks the new best weights.
   * The run resumes from the last state saved here.
   */
  saveCheckpoint(state: LoopState, report: EpochReport): Promise<void>;
  /** Asked before every step: a truthy answer stops the run (cancel, shutdown). */
  shouldStop?(): boolean;
  now?: () => number;
}

export type LoopOutcome =
  | { kind: 'completed'; state: LoopState }
  | { kind: 'stopped'; state: LoopState }
  | { kind: 'diverged'; state: LoopState; epoch: number; step: number; loss: number };

export function initialLoopState(recipe: Pick<Recipe, 'seed' | 'learningRate'>): LoopState {
  return { epoch: 0, step: 0, rngState: recipe.seed >>> 0, schedule: initialSchedule(recipe), elapsedSeconds: 0 };
}

/**
 * The paper's epoch loop: each epoch visits every training item once in a seeded random order, in
 * batches of `batchSize` (the last one shorter, as a DataLoader without drop_last), validates, feeds
 * the schedule and checkpoints. The epoch's loss is the mean of its batches' losses (smp's TrainEpoch
 * meter). Started from a saved state it replays the same draws, so a resumed run ends where an
 * uninterrupted one does. A non-finite loss stops the run before anything of that epoch is saved.
 */
export async function runTrainingLoop<Item>(options: {
  recipe: Pick<Recipe, 'patience' | 'fineLearningRate' | 'finePatience' | 'maxEpochs' | 'batchSize'>;
  items: readonly Item[];
  state: LoopState;
  hooks: LoopHooks<Item>;
}): Promise<LoopOutcome> {
  const { recipe, items, hooks } = options;
  const now = hooks.now ?? (() => performance.now());
  let state = options.state;
  if (state.schedule.phase === 'done') return { kind: 'completed', state };
  while (true) {
    const started = now();
    const rng = createResumableRng(state.rngState);
    const learningRate = state.schedule.learningRate;
    let step = state.step;
    let lossSum = 0;
    let batches = 0;
    for (const batch of inBatches(shuffled(items, rng), recipe.batchSize)) {
      if (hooks.shouldStop?.()) return { kind: 'stopped', state };
      const loss = await hooks.trainStep(batch, rng, learningRate);
      step += 1;
      batches += 1;
      if (!Number.isFinite(loss)) return { kind: 'diverged', state, epoch: state.epoch + 1, step, loss };
      lossSum += loss;
    }
    const valIou = await hooks.validate();
    const epoch = state.epoch + 1;
    const verdict = observeEpoch(state.schedule, recipe, epoch, valIou);
    const epochSeconds = (now() - started) / 1000;
    state = { epoch, step, rngState: rng.state, schedule: verdict.state, elapsedSeconds: state.elapsedSeconds + epochSeconds };
    await hooks.saveCheckpoint(state, {
      epoch,
      step,
      loss: lossSum / Math.max(1, batches),
      valIou,
      learningRate,
      improved: verdict.improved,
      epochSeconds,
    });
    if (verdict.stop) return { kind: 'completed', state };
  }
}

function* inBatches<Item>(items: readonly Item[], size: number): Generator<Item[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Seconds left, from the mean epoch time so far, bounded by the epoch cap (the schedule may stop earlier). */
export function estimateRemainingSeconds(state: Pick<LoopState, 'epoch' | 'elapsedSeconds'>, maxEpochs: number): number | null {
  if (state.epoch === 0) return null;
  return (state.elapsedSeconds / state.epoch) * Math.max(0, maxEpochs - state.epoch);
}
