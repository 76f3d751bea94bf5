import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { commonServiceVariables, databaseVariables, natsCredentials, parseConfig, principalSigningKeys, z } from './index.ts';

const schema = z.object({ ...commonServiceVariables, ...databaseVariables });
const KEY = 'k'.repeat(32);

describe('parseConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = parseConfig(schema, { DATABASE_URL: 'postgres://u@h:5432/db', HTTP_PORT: '8080', PRINCIPAL_SIGNING_KEY: KEY });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(principalSigningKeys(config)).toEqual([KEY]);
    expect(natsCredentials(config)).toBeUndefined();
  });

  it('refuses to start without a principal signing key, or with a short one, never echoing it', () => {
    expect(() => parseConfig(schema, { DATABASE_URL: 'postgres://u@h:5432/db' })).toThrow(/PRINCIPAL_SIGNING_KEY/);
    let error: unknown;
    try {
      parseConfig(schema, { DATABASE_URL: 'postgres://u@h:5432/db', PRINCIPAL_SIGNING_KEY: 'short-secret' });
    } catch (caught) {
      error = caught;
    }
    expect((error as MicroSegError).message).toContain('PRINCIPAL_SIGNING_KEY');
    expect(JSON.stringify((error as MicroSegError).details)).not.toContain('short-secret');
  });

  it('reads the keys being rotated out, and NATS credentials as a pair or a creds file', () => {
    const base = { DATABASE_URL: 'postgres://u@h:5432/db', PRINCIPAL_SIGNING_KEY: KEY };
    const rotating = parseConfig(schema, { ...base, PRINCIPAL_PREVIOUS_SIGNING_KEYS: ` ${'a'.repeat(32)}, ${'b'.repeat(32)} ` });
    expect(principalSigningKeys(rotating)).toEqual([KEY, 'a'.repeat(32), 'b'.repeat(32)]);
    expect(natsCredentials(parseConfig(schema, { ...base, NATS_USER: 'dataset', NATS_PASSWORD: 'pw' }))).toEqual({ user: 'dataset', password: 'pw' });
    expect(natsCredentials(parseConfig(schema, { ...base, NATS_CREDS_FILE: '/run/nats.creds' }))).toEqual({ credsFile: '/run/nats.creds' });
    expect(() => natsCredentials(parseConfig(schema, { ...base, NATS_USER: 'dataset' }))).toThrow(/NATS_USER and NATS_PASSWORD go together/);
  });

  it('names every invalid variable in one error', () => {
    let error: unknown;
    try {
      parseConfig(schema, { DATABASE_URL: 'not a url', HTTP_PORT: '99999' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MicroSegError);
    const message = (error as MicroSegError).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('HTTP_PORT');
    expect((error as MicroSegError).code).toBe('INVALID_INPUT');
  });

  it('reports a missing required variable by name', () => {
    expect(() => parseConfig(schema, {})).toThrow(/DATABASE_URL/);
  });
});
