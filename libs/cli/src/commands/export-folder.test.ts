import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportFolder, safeSegment } from './export-folder.ts';

describe('safeSegment', () => {
  it('keeps a safe name as it is', () => {
    expect(safeSegment('Super 1.tif')).toEqual({ segment: 'Super 1.tif', problem: undefined });
  });

  it.each([
    ['../../.bashrc', '.._.._.bashrc'],
    ['..', '_..'],
    ['.', '_.'],
    ['a\\b', 'a_b'],
    ['C:\\Windows', 'C__Windows'],
    ['nul\u0000byte\u001b', 'nul_byte_'],
    ['/etc/passwd', '_etc_passwd'],
  ])('rewrites %j as one segment', (name, segment) => {
    const safe = safeSegment(name);
    expect(safe.segment).toBe(segment);
    expect(safe.problem).toBeDefined();
  });

  it('cuts an overlong name to the byte limit without splitting a character', () => {
    const { segment } = safeSegment('é'.repeat(150));
    expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(200);
    expect(segment).toBe('é'.repeat(100));
  });
});

describe('ExportFolder', () => {
  it('refuses a path that resolves outside the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'export-folder-'));
    try {
      const folder = await ExportFolder.open(join(dir, 'out'), { overwrite: false });
      await expect(folder.write(['..', 'escaped.txt'], 'x')).rejects.toThrow(/outside the export folder/);
      await folder.write(['..keep.txt'], 'x');
      expect(await readdir(dir)).toEqual(['out']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
