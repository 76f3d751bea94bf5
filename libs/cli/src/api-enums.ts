/**
 * The API writes enum values in ALL_CAPS (SUCCEEDED, GROUND_TRUTH, AREA_FRACTION); the CLI keeps
 * the words it always took and printed (succeeded, ground_truth, areaFraction), so scripts built
 * on its output and flags keep working. The client converts at its one boundary: variables on
 * the way out, answers on the way back. Enum fields are known by name: in schema.graphql every
 * field or argument with one of these names holds an enum (checked by api-enums.test.ts), except
 * the few listed there that hold lower-case strings, which the conversion leaves as they are.
 */
export const ENUM_FIELD_NAMES: ReadonlySet<string> = new Set([
  'source', 'status', 'format', 'state', 'role', 'outcome', 'level', 'unit', 'subset', 'pixelSizeSource', 'kind', 'policy',
  'classRule', 'workerKind', 'sixteenBitInput', 'iouDefinition', 'visibility', 'quantity', 'comparison', 'scope', 'trigger',
  'events', 'event', 'kinds',
]);

/** Enums whose CLI words are camelCase (the gate's quantities and comparisons), not snake_case. */
const CAMEL_CASE_FIELDS: ReadonlySet<string> = new Set(['quantity', 'comparison']);

const ALL_CAPS = /^[A-Z][A-Z0-9_]*$/;

/** areaFraction, ground_truth -> AREA_FRACTION, GROUND_TRUTH. */
export const toApiValue = (word: string): string => word.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toUpperCase();

/** AREA_FRACTION -> areaFraction (camelCase fields) or GROUND_TRUTH -> ground_truth. */
export function fromApiValue(field: string, value: string): string {
  if (!ALL_CAPS.test(value)) return value;
  const lower = value.toLowerCase();
  return CAMEL_CASE_FIELDS.has(field) ? lower.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase()) : lower;
}

function convert(value: unknown, field: string | undefined, leaf: (field: string, text: string) => string): unknown {
  if (typeof value === 'string') return field !== undefined && ENUM_FIELD_NAMES.has(field) ? leaf(field, value) : value;
  if (Array.isArray(value)) return value.map((item) => convert(item, field, leaf));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, convert(item, key, leaf)]));
  }
  return value;
}

/** Variables as the API takes them: the CLI's enum words in ALL_CAPS. */
export const variablesToApi = (variables: Record<string, unknown>): Record<string, unknown> =>
  convert(variables, undefined, (_field, word) => (ALL_CAPS.test(word) ? word : toApiValue(word))) as Record<string, unknown>;

/** An answer in the CLI's words: ALL_CAPS enum values back to what the CLI has always printed. */
export const answerFromApi = <T>(data: T): T => convert(data, undefined, fromApiValue) as T;
