import { useQuery } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ErrorMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';

const ImageByLimsIdQuery = graphql(`
  query ImageByLimsId($limsId: ID!) {
    imageByLimsId(limsId: $limsId) {
      id
    }
  }
`);

/** /lims/:id: the sample's image page (its masks, segmentations and measurements), or why there is none. */
export function LimsPage() {
  const { params } = useRoute();
  const { route } = useLocation();
  const limsId = params['id'] ?? '';
  usePageTitle(`LIMS ${limsId}`);
  const [{ data, error, fetching }] = useQuery({ query: ImageByLimsIdQuery, variables: { limsId }, requestPolicy: 'network-only' });
  const imageId = data?.imageByLimsId?.id;
  // Replace: Back returns to where the search was typed, not to this hop.
  useEffect(() => {
    if (imageId) route(`/images/${imageId}`, true);
  }, [imageId, route]);
  const notFound = data !== undefined && data.imageByLimsId === null;
  return (
    <section>
      <h1>LIMS sample {limsId}</h1>
      {fetching && <p aria-live="polite">Looking for the sample…</p>}
      {notFound && (
        <p class="error" role="alert">
          No image of your group has the LIMS sample id “{limsId}”. Check the id, or upload the sample’s micrograph with it.
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
