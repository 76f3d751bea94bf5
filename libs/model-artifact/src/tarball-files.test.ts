import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MicroSegError } from '@microseg/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarballFiles, tarballWriter } from './tarball-files.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tarball-files-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** One ustar header block plus content, built by hand so the test can forge hostile names. */
function tarEntry(name: string, content: string, type = '0', linkpath = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write(type, 156);
  header.write(linkpath, 157, 100, 'utf8');
  header.write('ustar\0', 257);
  header.write('00', 263);
  const sum = header.reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  body.write(content);
  return Buffer.concat([header, body]);
}

describe('artifact tarballs', () => {
  it('round-trips files written through the tarball writer', async () => {
    const path = join(root, 'a.tar.gz');
    const writer = await tarballWriter(path);
    await writer.files.write('model.json', new TextEncoder().encode('{}'));
    await writer.finish();
    expect(new TextDecoder().decode(await (await tarballFiles(path)).read('model.json'))).toBe(
      '{}',
    );
  });

  it('ignores entries outside the top level, links and directories', async () => {
    const path = join(root, 'hostile.tar.gz');
    const tar = Buffer.concat([
      tarEntry('../escape.json', 'x'),
      tarEntry('nested/model.json', 'x'),
      tarEntry('link.json', '', '2', '/etc/passwd'),
      tarEntry('./model.json', '{"ok":true}'),
      Buffer.alloc(1024),
    ]);
    await writeFile(path, gzipSync(tar));
    const files = await tarballFiles(path);
    expect(new TextDecoder().decode(await files.read('model.json'))).toBe('{"ok":true}');
    await expect(files.read('link.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(files.read('../escape.json')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a corrupt tarball with INVALID_INPUT', async () => {
    const path = join(root, 'corrupt.tar.gz');
    const good = join(root, 'a.tar.gz');
    const bytes = await readFile(good);
    await writeFile(path, bytes.subarray(0, bytes.length >> 1));
    const error = await tarballFiles(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).code).toBe('INVALID_INPUT');
  });
});
