import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findNatsServer } from './nats-server-binary.ts';

describe('findNatsServer', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('takes the first executable nats-server on PATH', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nats-bin-'));
    dirs.push(dir);
    const binary = join(dir, 'nats-server');
    await writeFile(binary, '#!/bin/sh\n');
    await chmod(binary, 0o755);
    expect(await findNatsServer(`/nonexistent:${dir}`)).toBe(binary);
  });

  it('skips a nats-server that is not executable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nats-bin-'));
    dirs.push(dir);
    await writeFile(join(dir, 'nats-server'), '');
    expect(await findNatsServer(dir)).not.toBe(join(dir, 'nats-server'));
  });
});
