import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { enumWord } from '../graphql/enum-words.ts';
import { usePageTitle } from '../components/page-title.ts';
import { ClassLegend } from '../datasets/class-legend.tsx';
import { graphql } from '../generated/index.ts';
import { ImageMeasurements } from '../images/image-measurements.tsx';
import { DeepZoomViewer } from '../viewer/deep-zoom-viewer.tsx';

const ImageQuery = graphql(`
  query Image($id: ID!) {
    image(id: $id) {
      id
      datasetId
      name
      fileName
      format
      width
      height
      limsId
      pixelSize {
        value
        unit
      }
      downloadUrls {
        original
      }
    }
  }
`);

const ImageDatasetQuery = graphql(`
  query ImageDataset($id: ID!) {
    dataset(id: $id) {
      id
      name
      classes {
        index
        name
        color
      }
    }
  }
`);

export function ImagePage() {
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const [{ data, error, fetching }] = useQuery({ query: ImageQuery, variables: { id } });
  const image = data?.image;
  const [datasetResult] = useQuery({ query: ImageDatasetQuery, variables: { id: image?.datasetId ?? '' }, pause: !image });
  const dataset = datasetResult.data?.dataset;
  usePageTitle(image?.name);
  if (error) return <ErrorMessage error={error} />;
  if (datasetResult.error) return <ErrorMessage error={datasetResult.error} />;
  if (data && !image) return <NotFoundMessage what="image" />;
  if (datasetResult.data && !dataset) return <NotFoundMessage what="dataset" />;
  return (
    <section>
      {image && dataset ? (
        <>
          <nav aria-label="Breadcrumb" class="breadcrumb">
            <a href={`/datasets/${dataset.id}`}>{dataset.name}</a> / <span aria-current="page">{image.name}</span>
          </nav>
          <h1>{image.name}</h1>
          <p class="subtitle">
            {image.fileName} · {image.width}×{image.height} {enumWord(image.format)}
            {image.pixelSize && ` · ${image.pixelSize.value} ${image.pixelSize.unit}/pixel`}
            {image.limsId && ` · LIMS ${image.limsId}`} · <a href={image.downloadUrls.original}>download original</a>
          </p>
        </>
      ) : (
        <p aria-live="polite">{fetching || datasetResult.fetching ? 'Loading the image…' : ''}</p>
      )}
      {/* Opened beside the image's details, not after them: its tiles are what the page is for. */}
      <DeepZoomViewer imageId={id} name={image?.name ?? ''} pixelSize={image ? image.pixelSize : undefined} classes={dataset?.classes ?? []} />
      {image && dataset && (
        <>
          <ClassLegend classes={dataset.classes.filter((c) => c.index > 0)} />
          <h2>Measurements</h2>
          <ImageMeasurements imageId={image.id} classes={dataset.classes} />
        </>
      )}
    </section>
  );
}
