import { invalidInput } from '@microseg/errors';

/** The paper's training recipe (Stuckner et al. 2022, via pretrained-microscopy-models). */
export interface Recipe {
  /** Adam's learning rate until validation IoU stalls. */
  learningRate: number;
  /** Epochs without a better validation IoU before dropping to `fineLearningRate`. */
  patience: number;
  fineLearningRate: number;
  /** Epochs without a better validation IoU at the fine rate before stopping. */
  finePatience: number;
  /** Hard cap on epochs (small on CPU machines; the paper effectively ran until the schedule stopped). */
  maxEpochs: number;
  /** Square random crop of the training images. */
  crop: number;
  /**
   * Training items per optimisation step: the paper's 20 (pretrained-microscopy-models'
   * `train_segmentation_model(batch_size=20)`, a shuffled DataLoader keeping the last short batch), so
   * a dataset of up to 20 images is one step per epoch. A training worker may run fewer at once where
   * its memory would not hold them; the version records the batch it ran.
   */
  batchSize: number;
  /** BCE and Dice weights of the loss. */
  loss: { bce: number; dice: number };
  /**
   * Micrographs with a preferred direction (e.g. coating cross-sections) are only flipped
   * horizontally: no vertical flips, no 90-degree rotations.
   */
  horizontalFlipOnly: boolean;
  /** Freeze the encoder's weights (fine-tune the decoder only). */
  freezeEncoder: boolean;
  seed: number;
}

export const PAPER_RECIPE: Readonly<Recipe> = Object.freeze({
  learningRate: 2e-4,
  patience: 30,
  fineLearningRate: 1e-5,
  finePatience: 30,
  maxEpochs: 1000,
  crop: 512,
  batchSize: 20,
  loss: { bce: 0.7, dice: 0.3 },
  horizontalFlipOnly: false,
  freezeEncoder: false,
  seed: 42,
});

export type RecipeOverrides = Partial<Omit<Recipe, 'loss'>> & { loss?: Partial<Recipe['loss']> };

/** The paper's recipe with a user's overrides, refused when they make no sense. */
export function resolveRecipe(overrides: RecipeOverrides = {}): Recipe {
  const recipe: Recipe = { ...PAPER_RECIPE, ...overrides, loss: { ...PAPER_RECIPE.loss, ...overrides.loss } };
  const problems: string[] = [];
  if (!(recipe.learningRate > 0) || !(recipe.fineLearningRate > 0)) problems.push('learning rates must be positive');
  if (!Number.isInteger(recipe.patience) || recipe.patience < 1) problems.push('patience must be a positive integer');
  if (!Number.isInteger(recipe.finePatience) || recipe.finePatience < 0) problems.push('finePatience must be a non-negative integer');
  if (!Number.isInteger(recipe.maxEpochs) || recipe.maxEpochs < 1) problems.push('maxEpochs must be a positive integer');
  if (!Number.isInteger(recipe.crop) || recipe.crop < 32 || recipe.crop % 32 !== 0) problems.push('crop must be a multiple of 32');
  if (!Number.isInteger(recipe.batchSize) || recipe.batchSize < 1 || recipe.batchSize > 256) problems.push('batchSize must be an integer in 1..256');
  if (recipe.loss.bce < 0 || recipe.loss.dice < 0 || recipe.loss.bce + recipe.loss.dice <= 0) problems.push('loss weights must be non-negative and not both zero');
  if (!Number.isInteger(recipe.seed) || recipe.seed < 0 || recipe.seed > 0xffffffff) problems.push('seed must be an integer in 0..2^32-1');
  if (problems.length > 0) throw invalidInput(`invalid training recipe: ${problems.join('; ')}`, { problems, recipe });
  return recipe;
}
