import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { commonServiceVariables, databaseVariables, parseConfig, z } from './index.ts';

const schema = z.object({ ...commonServiceVariables, ...databaseVariables });

describe('parseConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = parseConfig(schema, { DATABASE_URL: 'postgres://u@h:5432/db', HTTP_PORT: '8080' });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
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
