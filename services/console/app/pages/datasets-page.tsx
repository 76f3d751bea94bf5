import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { enumWord } from '../graphql/enum-words.ts';

const DatasetsQuery = graphql(`
  query Datasets {
    datasets(first: 100) {
      nodes {
        id
        name
        material
        imageCount
        visibility {
          level
        }
        owner {
          name
        }
        updatedAt
      }
    }
  }
`);

export function DatasetsPage() {
  usePageTitle('Datasets');
  const [{ data, error, fetching }] = useQuery({ query: DatasetsQuery });
  return (
    <section>
      <h1>Datasets</h1>
      {error && <ErrorMessage error={error} />}
      {fetching && !data && <p aria-live="polite">Loading datasets…</p>}
      {data && data.datasets.nodes.length === 0 && (
        <p>
          No datasets yet. Import one with <code>microseg dataset import DIR</code>.
        </p>
      )}
      {data && data.datasets.nodes.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Material</th>
              <th scope="col">Images</th>
              <th scope="col">Owner</th>
              <th scope="col">Visibility</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {data.datasets.nodes.map((dataset) => (
              <tr key={dataset.id}>
                <td>
                  <a href={`/datasets/${dataset.id}`}>{dataset.name}</a>
                </td>
                <td>{dataset.material}</td>
                <td class="number">{dataset.imageCount}</td>
                <td>{dataset.owner?.name ?? '—'}</td>
                <td>{enumWord(dataset.visibility.level)}</td>
                <td>{new Date(dataset.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
