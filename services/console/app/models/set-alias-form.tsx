import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import { formText } from '../components/form-text.ts';

const ModelAliasesQuery = graphql(`
  query ModelAliases($id: ID!) {
    model(id: $id) {
      id
      aliases {
        alias
        versionId
        versionNumber
      }
    }
  }
`);

const SetModelAlias = graphql(`
  mutation SetModelAlias($input: SetModelAliasInput!) {
    setModelAlias(input: $input) {
      id
      alias
      toVersionId
      outcome
    }
  }
`);

/**
 * Points an alias (production, staging...) at this version. "Only if unchanged" sends the alias's
 * target as this page saw it (compare-and-set): if someone moved it meanwhile the platform refuses,
 * records the refused move, and the reason is shown here. A gated alias moves only once its gate
 * has measured this version on the reference set: the outcome and report show in the history.
 */
export function SetAliasForm({ modelId, versionId }: { modelId: string; versionId: string }) {
  const [{ data }] = useQuery({ query: ModelAliasesQuery, variables: { id: modelId } });
  const [{ error, fetching }, setAlias] = useMutation(SetModelAlias);
  const [done, setDone] = useState<{ alias: string; outcome: string } | null>(null);
  const aliases = data?.model?.aliases ?? [];
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const alias = formText(form, 'alias');
    const current = aliases.find((a) => a.alias === alias);
    const guarded = form.get('guard') === 'on';
    const result = await setAlias(
      { input: { modelId, alias, versionId, ...(guarded && current ? { expectedVersionId: current.versionId } : {}) } },
      // The alias shows on the version, the model and its history: those answers are stale now.
      { additionalTypenames: ['ModelVersion', 'Model', 'AliasMove'] },
    );
    if (result.data) setDone({ alias, outcome: result.data.setModelAlias.outcome });
  };
  return (
    <form class="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="set-alias-heading">
      <h2 id="set-alias-heading">Set an alias</h2>
      {aliases.length > 0 && (
        <p>
          Now: {aliases.map((a) => `${a.alias} → v${a.versionNumber}`).join(', ')}
        </p>
      )}
      <label>
        Alias
        <input name="alias" required list="alias-names" placeholder="production" />
      </label>
      <datalist id="alias-names">
        {aliases.map((a) => (
          <option key={a.alias} value={a.alias} />
        ))}
      </datalist>
      <label class="inline">
        <input name="guard" type="checkbox" /> Only if nobody moved it since this page loaded
      </label>
      <button type="submit" disabled={fetching}>
        Point the alias here
      </button>
      {error && <ErrorMessage error={error} />}
      {done && (
        <p role="status">
          {done.outcome === 'PENDING'
            ? `${done.alias} is gated: its gate is measuring this version on the reference images. The move, or the refusal with its report, shows in the model's alias history.`
            : `${done.alias} now points to this version.`}
        </p>
      )}
    </form>
  );
}
