import { silentLogger } from '@microseg/logging';
import { describe, expect, it } from 'vitest';
import { type LoadedModel, ModelCache } from './model-cache.ts';

function fakeModel(bytes: number, disposed: string[], id: string): LoadedModel {
  return { segment: () => Promise.reject(new Error('not segmenting')), manifest: {} as LoadedModel['manifest'], backend: 'onnxruntime-cpu', bytes, dispose: async () => void disposed.push(id) };
}

const v = (id: string) => ({ id, artifact: { bucket: 'models', prefix: id } });

describe('model cache', () => {
  it('loads a version once for concurrent users and evicts the least recently used past the bound', async () => {
    const loads: string[] = [];
    const disposed: string[] = [];
    const cache = new ModelCache(async ({ id }) => {
      loads.push(id);
      return fakeModel(40, disposed, id);
    }, 100, silentLogger);
    await Promise.all([cache.with(v('a'), async () => 1), cache.with(v('a'), async () => 2)]);
    await cache.with(v('b'), async () => 0);
    await cache.with(v('a'), async () => 0);
    await cache.with(v('c'), async () => 0);
    expect(loads).toEqual(['a', 'b', 'c']);
    expect(disposed).toEqual(['b']);
    expect(cache.size).toBe(2);
  });

  it('never disposes a model in use and forgets a failed load', async () => {
    const disposed: string[] = [];
    let fail = true;
    const cache = new ModelCache(async ({ id }) => {
      if (id === 'bad' && fail) throw new Error('no artifact');
      return fakeModel(80, disposed, id);
    }, 100, silentLogger);
    await cache.with(v('a'), async () => {
      await cache.with(v('b'), async () => 0);
      expect(disposed).toEqual(['b']);
    });
    await expect(cache.with(v('bad'), async () => 0)).rejects.toThrow('no artifact');
    fail = false;
    await expect(cache.with(v('bad'), async () => 'ok')).resolves.toBe('ok');
  });

  it('closes what an evicted model holds (its session or tile workers), and everything idle on clear', async () => {
    const disposed: string[] = [];
    const cache = new ModelCache(async ({ id }) => fakeModel(80, disposed, id), 100, silentLogger);
    await cache.with(v('a'), async () => 0);
    await cache.with(v('b'), async () => 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(disposed).toEqual(['a']);
    await cache.clear();
    expect(disposed).toEqual(['a', 'b']);
    expect(cache.size).toBe(0);
  });

  it('tells its observer every hit, miss and eviction, and the bytes it holds', async () => {
    const seen = { hit: 0, miss: 0, evicted: 0 };
    const cache = new ModelCache(async ({ id }) => fakeModel(60, [], id), 100, silentLogger, {
      lookup: (hit) => void seen[hit ? 'hit' : 'miss']++,
      evicted: () => void seen.evicted++,
    });
    await Promise.all([cache.with(v('a'), async () => 0), cache.with(v('a'), async () => 0)]);
    expect(cache.residentBytes).toBe(60);
    await cache.with(v('a'), async () => 0);
    await cache.with(v('b'), async () => 0);
    expect(seen).toEqual({ hit: 2, miss: 2, evicted: 1 });
    expect(cache.residentBytes).toBe(60);
  });
});
