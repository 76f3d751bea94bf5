import { useMutation, useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import { formText } from '../components/form-text.ts';

const PoliciesQuery = graphql(`
  query Policies {
    policies(first: 500) { nodes {
      id
      datasetId
      model
      alias
      modelVersionId
      paused
      updatedAt
    }  }
    datasets(first: 200) {
      nodes {
        id
        name
      }
    }
    models(first: 200) {
      nodes {
        id
        name
        aliases {
          alias
        }
      }
    }
  }
`);

const CreatePolicy = graphql(`
  mutation CreatePolicy($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      id
      paused
    }
  }
`);

const PausePolicy = graphql(`
  mutation PausePolicy($id: ID!) {
    pausePolicy(id: $id) {
      id
      paused
    }
  }
`);

const ResumePolicy = graphql(`
  mutation ResumePolicy($id: ID!) {
    resumePolicy(id: $id) {
      id
      paused
    }
  }
`);

const RunPolicy = graphql(`
  mutation RunPolicy($id: ID!) {
    runPolicy(id: $id) {
      id
      state
    }
  }
`);

/** Automation policies: every new image of a dataset segmented with MODEL@ALIAS; create, pause, resume, run. */
export function PoliciesSection() {
  // An empty list names no type: without this a new policy would not refresh it.
  const context = useMemo(() => ({ additionalTypenames: ['AutomationPolicy'] }), []);
  const [{ data, error }] = useQuery({ query: PoliciesQuery, context });
  const [created, create] = useMutation(CreatePolicy);
  const [paused, pause] = useMutation(PausePolicy);
  const [resumed, resume] = useMutation(ResumePolicy);
  const [ran, run] = useMutation(RunPolicy);
  const datasetName = new Map(data?.datasets.nodes.map((d) => [d.id, d.name]));
  const actionError = paused.error ?? resumed.error ?? ran.error;
  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const text = (name: string) => formText(form, name);
    const result = await create({
      input: { datasetId: text('datasetId'), model: text('model'), alias: text('alias') },
    });
    if (!result.error) formElement.reset();
  };
  return (
    <section aria-labelledby="policies-heading">
      <h2 id="policies-heading">Policies</h2>
      {error && <ErrorMessage error={error} />}
      {data && data.policies.nodes.length === 0 && <p>No policy yet: create one below.</p>}
      {data && data.policies.nodes.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Model @ alias</th>
              <th scope="col">Version now</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.policies.nodes.map((policy) => (
              <tr key={policy.id}>
                <td>
                  <a href={`/datasets/${policy.datasetId}`}>
                    {datasetName.get(policy.datasetId) ?? policy.datasetId.slice(0, 8)}
                  </a>
                </td>
                <th scope="row">
                  {policy.model} @ {policy.alias}
                </th>
                <td>
                  <a href={`/model-versions/${policy.modelVersionId}`}>
                    {policy.modelVersionId.slice(0, 8)}
                  </a>
                </td>
                <td>{policy.paused ? 'paused' : 'active'}</td>
                <td class="actions">
                  {policy.paused ? (
                    <button
                      type="button"
                      onClick={() => void resume({ id: policy.id })}
                      aria-label={`Resume ${policy.model} @ ${policy.alias}`}
                    >
                      Resume
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => void pause({ id: policy.id })}
                      aria-label={`Pause ${policy.model} @ ${policy.alias}`}
                    >
                      Pause
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => void run({ id: policy.id })}
                    aria-label={`Run on every image: ${policy.model} @ ${policy.alias}`}
                  >
                    Run on every image
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {actionError && <ErrorMessage error={actionError} />}
      {ran.data && <p role="status">Run started: it shows in the runs below.</p>}
      {/* Drawn once the datasets are known: an empty required choice would block the submit without a word. */}
      {data && (
        <form class="filters" onSubmit={(event) => void submit(event)} aria-label="New policy">
          <label>
            Dataset
            <select name="datasetId" required>
              {data?.datasets.nodes.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Model
            <input name="model" required list="policy-models" />
          </label>
          <datalist id="policy-models">
            {data?.models.nodes.map((m) => (
              <option key={m.id} value={m.name} />
            ))}
          </datalist>
          <label>
            Alias
            <input name="alias" required list="policy-aliases" defaultValue="production" />
          </label>
          <datalist id="policy-aliases">
            {[...new Set(data?.models.nodes.flatMap((m) => m.aliases.map((a) => a.alias)))].map(
              (alias) => (
                <option key={alias} value={alias} />
              ),
            )}
          </datalist>
          <button type="submit" disabled={created.fetching}>
            Create the policy
          </button>
        </form>
      )}
      {created.error && <ErrorMessage error={created.error} />}
    </section>
  );
}
