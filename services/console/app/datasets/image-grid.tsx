import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import type { ImageFilter } from '../generated/graphql.ts';

const DatasetImagesQuery = graphql(`
  query DatasetImages($id: ID!, $filter: ImageFilter, $after: String) {
    dataset(id: $id) {
      id
      images(first: 48, after: $after, filter: $filter) {
        nodes {
          id
          name
          limsId
          hasMask
          width
          height
          downloadUrls {
            thumbnail
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** A page of the dataset's images with the URL's filters; only this part reloads when they change. */
export function ImageGrid({ datasetId, filter, after }: { datasetId: string; filter: ImageFilter | null; after: string | null }) {
  const { path, query } = useLocation();
  const [{ data, error, fetching }] = useQuery({ query: DatasetImagesQuery, variables: { id: datasetId, filter, after } });
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{fetching ? 'Loading images…' : ''}</p>;
  if (!data.dataset) return null;
  const { nodes: images, pageInfo } = data.dataset.images;
  if (images.length === 0) return <p>No image matches these filters.</p>;
  const next = new URLSearchParams({ ...query, after: pageInfo.endCursor ?? '' });
  return (
    <>
      <ul class="image-grid" aria-label="Images">
        {images.map((image) => (
          <li key={image.id}>
            <a href={`/images/${image.id}`}>
              <img src={image.downloadUrls.thumbnail} alt="" loading="lazy" />
              <span class="image-name">{image.name}</span>
              <span class="image-facts">
                {image.width}×{image.height}
                {image.limsId && ` · LIMS ${image.limsId}`}
                {image.hasMask && ' · mask'}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {pageInfo.hasNextPage && pageInfo.endCursor && (
        <p>
          <a href={`${path}?${next.toString()}`}>Next images</a>
        </p>
      )}
    </>
  );
}
