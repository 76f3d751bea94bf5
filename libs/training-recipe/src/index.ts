export { PAPER_RECIPE, type Recipe, type RecipeOverrides, resolveRecipe } from './recipe.ts';
export { type EpochVerdict, type ScheduleState, initialSchedule, observeEpoch } from './lr-schedule.ts';
export { type ResumableRng, createResumableRng, shuffled } from './resumable-rng.ts';
export {
  type EpochReport,
  type LoopHooks,
  type LoopOutcome,
  type LoopState,
  estimateRemainingSeconds,
  initialLoopState,
  runTrainingLoop,
} from './training-loop.ts';
export {
  type BenchmarkCell,
  type BenchmarkRow,
  type BenchmarkTable,
  assembleBenchmarkTable,
  formatBenchmarkTable,
  modelLabel,
} from './benchmark-table.ts';
