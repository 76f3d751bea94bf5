import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { policyDriftVersions } from './pipeline-drift.ts';

const policy = { id: 'p1', datasetId: 'd1', modelVersionId: 'v3' };

describe('policyDriftVersions', () => {
  it("compares the policy's current version with the one its latest earlier run used", () => {
    const runs = [
      { policyId: 'p1', modelVersionId: 'v3' },
      { policyId: 'p2', modelVersionId: 'v9' },
      { policyId: 'p1', modelVersionId: 'v2' },
      { policyId: 'p1', modelVersionId: 'v1' },
    ];
    expect(policyDriftVersions(policy, runs)).toEqual({ datasetId: 'd1', fromVersionId: 'v2', toVersionId: 'v3' });
    expect(policyDriftVersions(policy, runs, { from: 'v1' })).toMatchObject({ fromVersionId: 'v1', toVersionId: 'v3' });
  });

  it('asks for --from when the policy never ran another version', () => {
    const error = (() => {
      try {
        return policyDriftVersions(policy, [{ policyId: 'p1', modelVersionId: 'v3' }, { policyId: null, modelVersionId: 'v1' }]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).code).toBe('INVALID_INPUT');
  });
});
