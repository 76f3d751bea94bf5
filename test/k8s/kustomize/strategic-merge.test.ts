import { describe, expect, it } from 'vitest';
import { strategicMerge } from './strategic-merge.ts';

describe('strategic merge patches (the subset the overlays use)', () => {
  const deployment = {
    spec: {
      replicas: 2,
      template: {
        spec: {
          nodeSelector: { gpu: 'true' },
          tolerations: [{ key: 'a' }, { key: 'b' }],
          containers: [
            { name: 'app', image: 'app:1', resources: { limits: { cpu: '1', 'nvidia.com/gpu': 1 } }, env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'side:1' },
          ],
        },
      },
    },
  };

  it('merges maps and containers by name, keeping what the patch does not mention', () => {
    const patched = strategicMerge(deployment, {
      spec: { template: { spec: { containers: [{ name: 'app', image: 'app:2', env: [{ name: 'B', value: '2' }] }] } } },
    });
    expect(patched).toEqual({
      spec: {
        replicas: 2,
        template: {
          spec: {
            nodeSelector: { gpu: 'true' },
            tolerations: [{ key: 'a' }, { key: 'b' }],
            containers: [
              {
                name: 'app',
                image: 'app:2',
                resources: { limits: { cpu: '1', 'nvidia.com/gpu': 1 } },
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', value: '2' },
                ],
              },
              { name: 'sidecar', image: 'side:1' },
            ],
          },
        },
      },
    });
  });

  it('deletes fields set to null, at any depth', () => {
    const patched = strategicMerge(deployment, {
      spec: { template: { spec: { nodeSelector: null, containers: [{ name: 'app', resources: { limits: { 'nvidia.com/gpu': null } } }] } } },
    });
    const spec = (patched.spec as typeof deployment.spec).template.spec;
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.containers[0]?.resources).toEqual({ limits: { cpu: '1' } });
  });

  it('replaces lists without a merge key, and removes list items marked $patch: delete', () => {
    const patched = strategicMerge(deployment, {
      spec: { template: { spec: { tolerations: [{ key: 'c' }], containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
    });
    const spec = (patched.spec as typeof deployment.spec).template.spec;
    expect(spec.tolerations).toEqual([{ key: 'c' }]);
    expect(spec.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('leaves its inputs unchanged', () => {
    const before = JSON.stringify(deployment);
    strategicMerge(deployment, { spec: { replicas: 5, template: { spec: { nodeSelector: null } } } });
    expect(JSON.stringify(deployment)).toBe(before);
  });

  it('refuses a list item without its merge key', () => {
    expect(() => strategicMerge(deployment, { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(/merge key name/);
  });
});
