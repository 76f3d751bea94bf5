import type { RecipeInput } from '../generated/graphql.ts';
import { formText } from '../components/form-text.ts';

/** The recipe fields of the form: a name, its words, the input type and the paper's default as a hint. */
export const RECIPE_FIELDS = [
  { name: 'maxEpochs', label: 'Epochs at most', kind: 'int', hint: 'paper: 1000 (the schedule stops earlier)' },
  { name: 'crop', label: 'Crop size (px)', kind: 'int', hint: 'paper: 512' },
  { name: 'batchSize', label: 'Batch (crops per step)', kind: 'int', hint: 'paper: 20, shrunk to what a worker holds' },
  { name: 'learningRate', label: 'Learning rate', kind: 'float', hint: 'paper: 2e-4' },
  { name: 'patience', label: 'Patience (epochs)', kind: 'int', hint: 'paper: 30' },
  { name: 'fineLearningRate', label: 'Fine-tuning learning rate', kind: 'float', hint: 'paper: 1e-5' },
  { name: 'finePatience', label: 'Fine-tuning patience (epochs)', kind: 'int', hint: 'paper: 30' },
  { name: 'bceWeight', label: 'Binary cross-entropy weight', kind: 'float', hint: 'paper: 0.7' },
  { name: 'diceWeight', label: 'Dice weight', kind: 'float', hint: 'paper: 0.3' },
  { name: 'seed', label: 'Seed', kind: 'float', hint: 'paper: 42' },
] as const satisfies readonly { name: keyof RecipeInput; label: string; kind: 'int' | 'float'; hint: string }[];

export const RECIPE_SWITCHES = [
  { name: 'horizontalFlipOnly', label: 'Horizontal flips only (micrographs with a preferred direction)' },
  { name: 'freezeEncoder', label: 'Freeze the encoder' },
] as const satisfies readonly { name: keyof RecipeInput; label: string }[];

/**
 * The recipe overrides the user typed; null when none, so the platform's recipe applies. Numbers go
 * as typed: a value the platform refuses comes back as its INVALID_INPUT, never silently dropped.
 */
export function recipeFromForm(form: FormData): RecipeInput | null {
  const recipe: RecipeInput = {};
  for (const field of RECIPE_FIELDS) {
    const raw = formText(form, field.name);
    if (raw) recipe[field.name] = Number(raw);
  }
  for (const field of RECIPE_SWITCHES) if (form.get(field.name) === 'on') recipe[field.name] = true;
  return Object.keys(recipe).length > 0 ? recipe : null;
}
