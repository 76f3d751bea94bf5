import { describe, expect, it } from 'vitest';
import { validateClassSchema } from './class-schema.ts';
import { type DatasetSnapshot, datasetContentHash } from './content-hash.ts';

const snapshot: DatasetSnapshot = {
  classes: [
    { index: 0, name: 'matrix', color: '#000000' },
    { index: 1, name: 'secondary', color: '#0000FF' },
  ],
  images: [
    { sha256: 'a'.repeat(64), name: 'one' },
    { sha256: 'b'.repeat(64), name: 'two' },
  ],
  masks: [{ imageSha256: 'a'.repeat(64), sha256: 'c'.repeat(64), source: 'ground_truth' }],
  experiments: [{ name: 'Super1', train: ['a'.repeat(64)], val: ['b'.repeat(64)], test: [] }],
};

describe('datasetContentHash', () => {
  it('does not depend on the order things were added in', () => {
    const shuffled: DatasetSnapshot = {
      ...snapshot,
      classes: [...snapshot.classes].reverse(),
      images: [...snapshot.images].reverse(),
    };
    expect(datasetContentHash(shuffled)).toBe(datasetContentHash(snapshot));
    expect(datasetContentHash(snapshot)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when a split assignment changes', () => {
    const moved = { ...snapshot, experiments: [{ name: 'Super1', train: [], val: ['b'.repeat(64)], test: ['a'.repeat(64)] }] };
    expect(datasetContentHash(moved)).not.toBe(datasetContentHash(snapshot));
  });
});

describe('validateClassSchema', () => {
  it('sorts by index and lower-cases colours', () => {
    expect(validateClassSchema([...snapshot.classes].reverse()).map((c) => c.color)).toEqual(['#000000', '#0000ff']);
  });

  it('refuses duplicate colours, since a colour mask could not be read back', () => {
    expect(() =>
      validateClassSchema([
        { index: 0, name: 'a', color: '#000000' },
        { index: 1, name: 'b', color: '#000000' },
      ]),
    ).toThrow(/share the color/);
  });
});
