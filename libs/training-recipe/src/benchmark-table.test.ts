import { describe, expect, it } from 'vitest';
import { assembleBenchmarkTable, formatBenchmarkTable } from './benchmark-table.ts';

describe('benchmark table', () => {
  it('puts one row per model and one column per experiment, marking the best per experiment', () => {
    const table = assembleBenchmarkTable([
      { experiment: 'Super1', architecture: 'unet', encoder: 'resnet18', init: 'random', testIou: 0.9, state: 'succeeded' },
      { experiment: 'Super3', architecture: 'unet', encoder: 'resnet18', init: 'random', testIou: 0.7, state: 'succeeded' },
      { experiment: 'Super1', architecture: 'fpn', encoder: 'resnet18', init: 'micronet', testIou: 0.95, state: 'succeeded' },
      { experiment: 'Super3', architecture: 'fpn', encoder: 'resnet18', init: 'micronet', testIou: null, state: 'running' },
    ]);
    expect(table.experiments).toEqual(['Super1', 'Super3']);
    expect(table.rows).toEqual([
      { model: 'UNet / resnet18 (random)', architecture: 'unet', encoder: 'resnet18', init: 'random', iou: { Super1: 0.9, Super3: 0.7 } },
      { model: 'FPN / resnet18 (micronet)', architecture: 'fpn', encoder: 'resnet18', init: 'micronet', iou: { Super1: 0.95, Super3: null } },
    ]);
    expect(table.best).toEqual({ Super1: { model: 'FPN / resnet18 (micronet)', iou: 0.95 }, Super3: { model: 'UNet / resnet18 (random)', iou: 0.7 } });
    expect(formatBenchmarkTable(table).split('\n')[2]).toMatch(/FPN \/ resnet18 \(micronet\)\s+95\.0%\s+-$/);
  });
});
