import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness.ts';

describe('Readiness', () => {
  it('is ready when every check passes', async () => {
    const readiness = new Readiness();
    readiness.add('database', () => true);
    readiness.add('nats', async () => 'connected to nats://127.0.0.1:4222');
    readiness.markStarted();
    const checks = await readiness.evaluate();
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks[1]?.detail).toContain('nats://');
  });

  it('reports a throwing check with its message and a hung one as timed out', async () => {
    const readiness = new Readiness();
    readiness.add('database', () => {
      throw new Error('connection refused');
    });
    readiness.add('s3', () => new Promise<boolean>(() => undefined));
    readiness.markStarted();
    const checks = await readiness.evaluate(50);
    expect(checks).toEqual([
      { name: 'database', ok: false, detail: 'connection refused' },
      { name: 's3', ok: false, detail: 'no answer within 50 ms' },
    ]);
  });

  it('is not ready before start-up is over, even when every check so far passes', async () => {
    const readiness = new Readiness();
    readiness.add('nats', () => true);
    expect(await readiness.evaluate()).toContainEqual({ name: 'start-up', ok: false, detail: 'starting' });
  });

  it('stops being ready once draining', async () => {
    const readiness = new Readiness();
    readiness.add('database', () => true);
    readiness.markStarted();
    readiness.markDraining();
    expect((await readiness.evaluate()).some((c) => !c.ok)).toBe(true);
  });

  it('runs the checks at most once a second however often it is asked', async () => {
    const readiness = new Readiness();
    let calls = 0;
    readiness.add('object store', () => {
      calls++;
      return true;
    });
    readiness.markStarted();
    await Promise.all([readiness.evaluate(), readiness.evaluate(), readiness.evaluate()]);
    expect(calls).toBe(1);
    await readiness.evaluate(2_000, 0);
    expect(calls).toBe(2);
  });
});
