import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { ClassLegend } from '../datasets/class-legend.tsx';
import { DatasetMeasurements } from '../datasets/dataset-measurements.tsx';
import { ImageFilters, imageFilterFromQuery } from '../datasets/image-filters.tsx';
import { ImageGrid } from '../datasets/image-grid.tsx';
import { SplitsTable } from '../datasets/splits-table.tsx';
import { VersionsTable } from '../datasets/versions-table.tsx';
import { graphql } from '../generated/index.ts';
import { DatasetShareForm } from '../models/share-form.tsx';
import { UploadZone } from '../uploads/upload-zone.tsx';
import { enumWord } from '../graphql/enum-words.ts';

const DatasetQuery = graphql(`
  query Dataset($id: ID!) {
    dataset(id: $id) {
      id
      name
      material
      description
      imageCount
      visibility {
        level
        sharedWith
      }
      owner {
        id
      }
      classes {
        index
        name
        color
      }
      versions(first: 500) { nodes {
        id
        number
        imageCount
        maskCount
        experiments
        note
        createdAt
      }  }
      experiments {
        name
        train
        val
        test
      }
    }
    me {
      groupId
    }
  }
`);

/** /datasets/:id?split=EXPERIMENT:SUBSET&lims=ID&mask=yes|no&after=CURSOR: the filters are part of the URL. */
export function DatasetPage() {
  const { params, query } = useRoute();
  const id = params['id'] ?? '';
  const [{ data, error, fetching }] = useQuery({ query: DatasetQuery, variables: { id } });
  const dataset = data?.dataset;
  usePageTitle(dataset?.name);
  if (error) return <ErrorMessage error={error} />;
  if (data && !dataset) return <NotFoundMessage what="dataset" />;
  if (!dataset) return <p aria-live="polite">{fetching ? 'Loading the dataset…' : ''}</p>;
  return (
    <section>
      <h1>{dataset.name}</h1>
      <p class="subtitle">
        {dataset.material} · {dataset.imageCount} images · {enumWord(dataset.visibility.level)}
        {dataset.description && ` · ${dataset.description}`}
      </p>
      <ClassLegend classes={dataset.classes} />
      <div class="columns">
        <VersionsTable versions={dataset.versions.nodes} />
        <SplitsTable experiments={dataset.experiments} />
      </div>
      {dataset.owner?.id === data?.me.groupId && <DatasetShareForm datasetId={dataset.id} visibility={dataset.visibility} />}
      <h2>Images</h2>
      <UploadZone datasetId={dataset.id} />
      <ImageFilters experiments={dataset.experiments.map((e) => e.name)} query={query} />
      <ImageGrid datasetId={dataset.id} filter={imageFilterFromQuery(query)} after={query['after'] ?? null} />
      <h2>Measurements</h2>
      <DatasetMeasurements datasetId={dataset.id} classes={dataset.classes} />
    </section>
  );
}
