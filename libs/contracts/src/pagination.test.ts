import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { decodeCursor, decodePositionCursor, encodeCursor, encodePositionCursor } from './pagination.ts';

const ID = '3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof MicroSegError ? error.code : 'not a MicroSegError';
  }
}

describe('page cursors', () => {
  it('round-trip what the services write', () => {
    expect(decodeCursor(encodeCursor('group-id'))).toBe('group-id');
    expect(decodePositionCursor(encodePositionCursor('2026-12-03T07:56:35.123456Z', ID))).toEqual({ at: '2026-12-03T07:56:35.123456Z', id: ID });
    expect(decodePositionCursor(encodePositionCursor('2026-12-03T07:56:35.123Z', ID)).id).toBe(ID);
  });

  it('refuse anything else as INVALID_INPUT before it reaches a query', () => {
    for (const garbage of ['', 'not base64!', '%%%', 'x'.repeat(500), `${encodeCursor('a')}=`]) expect(codeOf(() => decodeCursor(garbage))).toBe('INVALID_INPUT');
    for (const value of ['garbage', `yesterday|${ID}`, '2026-12-03T07:56:35Z|not-a-uuid', `2026-13-45T99:99:99Z|${ID}`, `2026-12-03T07:56:35Z|${ID}|x`, "2026-12-03T07:56:35Z|'; drop table images; --"]) {
      expect(codeOf(() => decodePositionCursor(encodeCursor(value)))).toBe('INVALID_INPUT');
    }
  });
});
