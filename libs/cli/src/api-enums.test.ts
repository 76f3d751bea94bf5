import { describe, expect, it } from 'vitest';
import { answerFromApi, variablesToApi } from './api-enums.ts';

describe('enum values between the CLI and the API', () => {
  it("answers come back in the CLI's words, other strings as they were", () => {
    const answer = answerFromApi({
      pipelineRuns: { nodes: [{ state: 'SUCCEEDED', trigger: 'ALIAS_MOVE', id: 'RUN_1' }] },
      move: { outcome: 'REFUSED', gate: { comparison: 'CURRENT_VERSION', tolerances: [{ quantity: 'MEAN_EQUIVALENT_DIAMETER' }] } },
      set: { unit: 'px', status: 'FAILED', error: { code: 'INVALID_INPUT' } },
      webhook: { events: ['SEGMENTATION_COMPLETED'] },
    });
    expect(answer).toEqual({
      pipelineRuns: { nodes: [{ state: 'succeeded', trigger: 'alias_move', id: 'RUN_1' }] },
      move: { outcome: 'refused', gate: { comparison: 'currentVersion', tolerances: [{ quantity: 'meanEquivalentDiameter' }] } },
      set: { unit: 'px', status: 'failed', error: { code: 'INVALID_INPUT' } },
      webhook: { events: ['segmentation_completed'] },
    });
  });

  it("variables go out in the API's ALL_CAPS, numbers and other strings untouched", () => {
    expect(
      variablesToApi({
        format: 'bioimageio',
        input: { subset: 'test', comparison: 'groundTruth', tolerances: [{ quantity: 'areaFraction', absolute: 0.01 }], alias: 'prod' },
        visibility: { level: 'shared', sharedWith: ['g1'] },
        state: 'SUCCEEDED',
      }),
    ).toEqual({
      format: 'BIOIMAGEIO',
      input: { subset: 'TEST', comparison: 'GROUND_TRUTH', tolerances: [{ quantity: 'AREA_FRACTION', absolute: 0.01 }], alias: 'prod' },
      visibility: { level: 'SHARED', sharedWith: ['g1'] },
      state: 'SUCCEEDED',
    });
  });
});
