/**
 * An API enum value (ALL_CAPS, e.g. SUCCEEDED, ALIAS_MOVE) as the console shows it: the lower-case
 * word (succeeded, alias_move), which is also how the console's addresses and data attributes
 * name them.
 */
export const enumWord = (value: string): string => value.toLowerCase();
