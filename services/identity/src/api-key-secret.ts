import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'msk_';

/** A new API key: `msk_` and 43 base64url characters (256 random bits). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(apiKey: string): Buffer {
  return createHash('sha256').update(apiKey, 'utf8').digest();
}

/** What people see in key lists to tell their keys apart; far too short to guess the rest. */
export function displayPrefix(apiKey: string): string {
  return apiKey.slice(0, KEY_PREFIX.length + 6);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length === KEY_PREFIX.length + 43;
}
