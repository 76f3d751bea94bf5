import { useSubscription } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { graphql } from '../generated/index.ts';
import type { MeasurementStatus } from '../generated/graphql.ts';

const AutomaticResults = graphql(`
  subscription AutomaticResults($datasetId: ID!) {
    measurementCompleted(datasetId: $datasetId) {
      imageId
      source
      status
      error {
        message
      }
      measurementSet {
        particles {
          class
          count
        }
      }
    }
  }
`);

export interface AutomaticResult {
  status: MeasurementStatus;
  objects: number;
  error: string | null;
}

/** The latest automatic (model mask) measurement of each image of the dataset, as the pipeline completes them; objects of every class the profile measures. */
export function useAutomaticResults(datasetId: string): Map<string, AutomaticResult> {
  const context = useMemo(() => ({ additionalTypenames: ['MeasurementSet'] }), []);
  const [{ data }] = useSubscription(
    { query: AutomaticResults, variables: { datasetId }, context },
    (results: Map<string, AutomaticResult> = new Map(), event) => {
      const completed = event.measurementCompleted;
      if (completed.source !== 'MODEL') return results;
      const objects = (completed.measurementSet?.particles ?? []).reduce((sum, p) => sum + p.count, 0);
      return new Map(results).set(completed.imageId, { status: completed.status, objects, error: completed.error?.message ?? null });
    },
  );
  return data ?? new Map<string, AutomaticResult>();
}
