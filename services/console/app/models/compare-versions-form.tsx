import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { graphql } from '../generated/index.ts';
import { formText } from '../components/form-text.ts';
import { driftUrl } from './drift-page.tsx';

const CompareChoicesQuery = graphql(`
  query CompareChoices($modelId: ID!) {
    model(id: $modelId) {
      id
      versions(first: 100) {
        nodes {
          id
          number
        }
      }
    }
    datasets(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/**
 * Opens the drift report of this version against another version of the same model on a dataset:
 * this one is the new side, the chosen one the old (as when an alias moves to this version).
 */
export function CompareVersionsForm({ modelId, versionId, trainingDatasetId }: { modelId: string; versionId: string; trainingDatasetId?: string | null | undefined }) {
  const { route } = useLocation();
  const [{ data }] = useQuery({ query: CompareChoicesQuery, variables: { modelId } });
  if (!data?.model) return null;
  const others = data.model.versions.nodes.filter((v) => v.id !== versionId);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    route(driftUrl(formText(form, 'dataset'), formText(form, 'from'), versionId));
  };
  return (
    <form class="stacked-form" onSubmit={submit} aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare with another version</h2>
      {others.length === 0 ? (
        <p>This model has no other version to compare with.</p>
      ) : (
        <>
          <label>
            Old version
            <select name="from" required>
              {others.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.number}
                </option>
              ))}
            </select>
          </label>
          <label>
            On the dataset
            <select name="dataset" required>
              {data.datasets.nodes.map((d) => (
                <option key={d.id} value={d.id} selected={d.id === trainingDatasetId}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Show the drift report</button>
        </>
      )}
    </form>
  );
}
