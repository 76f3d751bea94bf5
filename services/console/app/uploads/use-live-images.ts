import { useSubscription } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { graphql } from '../generated/index.ts';

const ImageAddedSubscription = graphql(`
  subscription ImageAdded($datasetId: ID!) {
    imageAdded(datasetId: $datasetId) {
      imageId
    }
  }
`);

/**
 * Keeps the dataset page current: each image added to the dataset (by this page, the CLI or a
 * colleague) invalidates the queries that list images or count them, and urql refetches them.
 */
export function useLiveImages(datasetId: string): void {
  const context = useMemo(() => ({ additionalTypenames: ['Image', 'Dataset'] }), []);
  useSubscription({ query: ImageAddedSubscription, variables: { datasetId }, context });
}
