import { useLocation } from 'preact-iso';

export interface ImageCardView {
  id: string;
  name: string;
  limsId?: string | null;
  hasMask: boolean;
  width: number;
  height: number;
  downloadUrls: { thumbnail: string };
}

export function ImageGrid({ images, pageInfo }: { images: readonly ImageCardView[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }) {
  const { path, query } = useLocation();
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
