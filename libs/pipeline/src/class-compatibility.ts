import { invalidInput } from '@microseg/errors';

export interface ClassLike {
  index: number;
  name: string;
}

/**
 * A model fits a dataset when it predicts exactly the dataset's class indices: a mask with
 * values the dataset's profile does not know would only fail later, in metrology, on every image.
 * Binary models predict 0/1, so the dataset must have exactly two classes.
 */
export function assertModelFitsDataset(model: { classes: readonly ClassLike[]; binary: boolean }, dataset: { classes: readonly ClassLike[] }): void {
  const predicted = model.binary ? [0, 1] : model.classes.map((c) => c.index).sort((a, b) => a - b);
  const expected = dataset.classes.map((c) => c.index).sort((a, b) => a - b);
  const missing = expected.filter((index) => !predicted.includes(index));
  const extra = predicted.filter((index) => !expected.includes(index));
  if (missing.length > 0 || extra.length > 0) {
    throw invalidInput(
      `the model predicts classes [${predicted.join(', ')}] but the dataset has [${expected.join(', ')}]`,
      { problem: 'class-mismatch', modelClasses: predicted, datasetClasses: expected, missing, extra },
    );
  }
}
