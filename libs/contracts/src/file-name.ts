import { z } from 'zod';

/**
 * Names that end up as file or folder names on someone's disk (image and mask names, uploaded
 * file names, dataset materials: `microseg dataset export` writes `images/<material>/<name>.png`).
 * They are data, never paths: one segment, no separator, no dot segment, no control character,
 * no drive letter, and short enough for every file system once an extension is added.
 */
export const MAX_FILE_NAME_BYTES = 200;

/** Why `name` cannot be a file name, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (/[/\\]/.test(name)) return 'contains a path separator (/ or \\)';
  if (name === '.' || name === '..') return `is a dot segment ("${name}")`;
  // C0 and C1 controls, NUL included: invisible in listings and refused by some file systems.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'contains a control character';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (Buffer.byteLength(name, 'utf8') > MAX_FILE_NAME_BYTES) return `is longer than ${MAX_FILE_NAME_BYTES} bytes`;
  return undefined;
}

function refuseUnsafe(name: string, context: z.RefinementCtx) {
  const problem = name === '' ? undefined : fileNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: `this name is used as a file name and it ${problem}` });
}

/** A trimmed name of at most `maxLength` characters that is safe as one file name. */
export const fileNameSchema = (maxLength: number) => z.string().trim().min(1).max(maxLength).superRefine(refuseUnsafe);

/** The same rule for a name that may be empty (a dataset without a material). */
export const optionalFileNameSchema = (maxLength: number) => z.string().trim().max(maxLength).superRefine(refuseUnsafe);
