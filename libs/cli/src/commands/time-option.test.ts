import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { collectList, parseTimeOption } from './time-option.ts';

describe('parseTimeOption', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');

  it('reads durations forward for expiry and backward for --since', () => {
    expect(parseTimeOption('30d', '--expires', 'ahead', now)).toBe('2026-07-01T00:00:00.000Z');
    expect(parseTimeOption('24h', '--since', 'ago', now)).toBe('2026-05-31T00:00:00.000Z');
    expect(parseTimeOption('90m', '--since', 'ago', now)).toBe('2026-05-31T22:30:00.000Z');
  });

  it('reads ISO dates and date-times', () => {
    expect(parseTimeOption('2027-01-31', '--expires', 'ahead', now)).toBe('2027-01-31T00:00:00.000Z');
    expect(parseTimeOption('2027-01-31T12:00:00+01:00', '--expires', 'ahead', now)).toBe('2027-01-31T11:00:00.000Z');
  });

  it('refuses anything else with INVALID_INPUT naming the option', () => {
    for (const bad of ['tomorrow', '30 days', '12', '2027-13-45']) {
      const error = (() => {
        try {
          return parseTimeOption(bad, '--expires', 'ahead', now);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(MicroSegError);
      expect((error as MicroSegError).details).toMatchObject({ option: '--expires', value: bad });
    }
  });
});

describe('collectList', () => {
  it('takes repeated and comma-separated values', () => {
    expect(collectList('c', collectList('a, b'))).toEqual(['a', 'b', 'c']);
  });
});
