import { describe, expect, it } from 'vitest';
import { displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.ts';

describe('API key secrets', () => {
  it('are unique, recognisable and hash to 32 bytes', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).not.toBe(b);
    expect(looksLikeApiKey(a)).toBe(true);
    expect(hashApiKey(a)).toHaveLength(32);
    expect(hashApiKey(a).equals(hashApiKey(a))).toBe(true);
  });

  it('show only a short prefix', () => {
    const key = generateApiKey();
    expect(displayPrefix(key)).toHaveLength(10);
    expect(key.startsWith(displayPrefix(key))).toBe(true);
  });

  it('reject strings of another shape', () => {
    expect(looksLikeApiKey('Bearer x')).toBe(false);
    expect(looksLikeApiKey(`msk_${'a'.repeat(10)}`)).toBe(false);
  });
});
