import { invalidInput } from '@microseg/errors';

/** Parses a class list such as `1,2` (as given on a command line or in a profile) into class values. */
export function parseClassList(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  const bad = parts.filter(
    (part, i) =>
      part === '' || !Number.isInteger(values[i]) || values[i]! < 0 || values[i]! > 65535,
  );
  if (bad.length > 0 || parts.length === 0) {
    throw invalidInput(
      `class list "${text}" must be comma-separated whole numbers from 0 to 65535, e.g. 1,2`,
      {
        classes: text,
      },
    );
  }
  return [...new Set(values)];
}
