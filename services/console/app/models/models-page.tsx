import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';

const ModelsQuery = graphql(`
  query Models {
    models(first: 100) {
      nodes {
        id
        name
        material
        task
        versionCount
        owner {
          name
        }
        aliases {
          alias
          versionNumber
        }
        createdAt
      }
    }
  }
`);

/** /models: the registry models the group can see (its own, shared with it, public). */
export function ModelsPage() {
  usePageTitle('Models');
  const [{ data, error, fetching }] = useQuery({ query: ModelsQuery });
  return (
    <section>
      <h1>Models</h1>
      <p>
        <a href="/training/new">Start a training job</a> · <a href="/training">Training jobs</a>
      </p>
      {error && <ErrorMessage error={error} />}
      {fetching && !data && <p aria-live="polite">Loading models…</p>}
      {data && data.models.nodes.length === 0 && <p>No model yet: a finished training job registers its model version here.</p>}
      {data && data.models.nodes.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Material</th>
              <th scope="col">Versions</th>
              <th scope="col">Aliases</th>
              <th scope="col">Owner</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {data.models.nodes.map((model) => (
              <tr key={model.id}>
                <td>
                  <a href={`/models/${model.id}`}>{model.name}</a>
                </td>
                <td>{model.material}</td>
                <td class="number">{model.versionCount}</td>
                <td>{model.aliases.map((a) => `${a.alias} → v${a.versionNumber}`).join(', ') || '—'}</td>
                <td>{model.owner?.name ?? '—'}</td>
                <td>{new Date(model.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
